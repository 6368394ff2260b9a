package io.slipway.spec;

import java.util.List;

/**
 * What a service's container may use. Null means "no limit given". {@code deploy.resources} fills the limits
 * the service-level keys leave unset, as {@code docker compose} does; sizes are in bytes.
 *
 * @param cpus {@code cpus} or {@code deploy.resources.limits.cpus}
 * @param cpuShares {@code cpu_shares}
 * @param cpuset {@code cpuset}
 * @param memLimit {@code mem_limit} or {@code deploy.resources.limits.memory}
 * @param memReservation {@code mem_reservation} or {@code deploy.resources.reservations.memory}
 * @param memswapLimit {@code memswap_limit} ({@code -1}: unlimited swap)
 * @param pidsLimit {@code pids_limit} or {@code deploy.resources.limits.pids}
 * @param shmSize {@code shm_size}
 * @param oomScoreAdj {@code oom_score_adj}
 * @param ulimits {@code ulimits}
 * @param devices {@code devices} as {@code HOST[:CONTAINER[:PERMISSIONS]]}
 * @param cgroupParent {@code cgroup_parent}
 */
public record ServiceResources(Double cpus, Long cpuShares, String cpuset, Long memLimit, Long memReservation,
        Long memswapLimit, Long pidsLimit, Long shmSize, Integer oomScoreAdj, List<Ulimit> ulimits,
        List<String> devices, String cgroupParent) {
}
