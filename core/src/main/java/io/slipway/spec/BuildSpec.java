package io.slipway.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code build}: how its image is made from a directory, as Compose reads the key. The short form
 * ({@code build: ./dir}) is the context alone. Every value is interpolated; {@code args} may hold secrets, so
 * {@link #toString()} shows their names only.
 *
 * @param context the build context, an absolute directory (a relative one is resolved against the spec's directory)
 * @param dockerfile the Dockerfile's path relative to {@code context} ({@code Dockerfile} by default), or null when
 *        {@code dockerfileInline} is given
 * @param dockerfileInline {@code dockerfile_inline}: the Dockerfile's text, or null
 * @param args build arguments in declaration order; an argument written without a value took the input of that name
 *        (as {@code environment} does) and is left out when there is none, so the Dockerfile's default applies
 * @param target {@code target}: the stage to build, or null for the last
 * @param labels labels of the built image, in declaration order
 * @param network {@code network}: the network mode of {@code RUN} steps, or null
 * @param shmSize {@code shm_size} in bytes, or null
 * @param extraHosts {@code extra_hosts} as {@code host:ip}
 * @param pull {@code pull}: true to always look for a newer base image, or null (the backend's pull policy applies)
 */
public record BuildSpec(Path context, String dockerfile, String dockerfileInline, Map<String, String> args,
        String target, Map<String, String> labels, String network, Long shmSize, List<String> extraHosts, Boolean pull) {

    /** The keys of the long form, in Compose's spelling. */
    public static final List<String> KEYS = List.of("context", "dockerfile", "dockerfile_inline", "args", "target",
            "labels", "network", "shm_size", "extra_hosts", "pull");

    /** The Dockerfile on disk ({@code context/dockerfile}), or null when the Dockerfile is inline. */
    public Path dockerfilePath() {
        return dockerfile == null ? null : context.resolve(dockerfile).normalize();
    }

    /** Argument names only: their values may be secrets. */
    @Override
    public String toString() {
        return "BuildSpec[context=" + context + ", dockerfile=" + (dockerfile != null ? dockerfile : "(inline)")
                + ", args=" + args.keySet() + ", target=" + target + "]";
    }
}
