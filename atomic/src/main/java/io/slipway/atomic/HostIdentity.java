package io.slipway.atomic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code $SUDO_UID} and {@code $SUDO_GID} as atomic computes them (Atomic/atomic.py {@code cmd_env}): the
 * variables of the calling process when set, else the process's login uid from {@code /proc/self/loginuid}
 * when it is a real one (at most 2147483647), else {@code 0}; SUDO_GID defaults to that same login uid.
 *
 * @param sudoUid the value of {@code $SUDO_UID}
 * @param sudoGid the value of {@code $SUDO_GID}
 */
record HostIdentity(String sudoUid, String sudoGid) {

    /** From the process environment and {@code /proc/self/loginuid}. */
    static HostIdentity of(Map<String, String> env) {
        return of(env, Path.of("/proc/self/loginuid"));
    }

    static HostIdentity of(Map<String, String> env, Path loginuid) {
        String dflt = "0";
        try {
            String v = Files.readString(loginuid).strip();
            if (!v.isEmpty() && Long.parseLong(v) <= Integer.MAX_VALUE) {
                dflt = v;
            }
        } catch (IOException | NumberFormatException e) {
            // no login uid: atomic's default 0
        }
        String uid = env.get("SUDO_UID");
        String gid = env.get("SUDO_GID");
        return new HostIdentity(uid != null ? uid : dflt, gid != null ? gid : dflt);
    }
}
