package io.slipway.spec;

import java.util.List;
import java.util.Map;

/**
 * What a service's container is allowed and which namespaces it shares. Null means "not given".
 *
 * @param privileged {@code privileged}
 * @param capAdd {@code cap_add}
 * @param capDrop {@code cap_drop}
 * @param securityOpt {@code security_opt}
 * @param readOnly {@code read_only}: the root filesystem is read-only
 * @param usernsMode {@code userns_mode}
 * @param groupAdd {@code group_add}
 * @param pid {@code pid}
 * @param ipc {@code ipc}
 * @param cgroup {@code cgroup} ({@code host} or {@code private})
 * @param sysctls {@code sysctls}, in order
 */
public record ServiceSecurity(boolean privileged, List<String> capAdd, List<String> capDrop, List<String> securityOpt,
        boolean readOnly, String usernsMode, List<String> groupAdd, String pid, String ipc, String cgroup,
        Map<String, String> sysctls) {
}
