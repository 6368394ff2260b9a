package io.slipway.spec;

/**
 * A mount, from either Compose syntax ({@code "./data:/data:ro"} or the long form), or a {@code tmpfs} entry.
 *
 * @param type {@code bind}, {@code volume} or {@code tmpfs}
 * @param source host path (absolute, resolved against the spec's directory) for bind, volume key (under the
 *        top-level {@code volumes}) for volume (null: anonymous), null for tmpfs
 * @param target the path in the container
 * @param readOnly whether it is mounted read-only
 * @param tmpfsOptions a tmpfs mount's options as {@code docker run --tmpfs} takes them ({@code size=64m,mode=1777}),
 *        or null
 */
public record VolumeMount(String type, String source, String target, boolean readOnly, String tmpfsOptions) {

    /** A mount without tmpfs options. */
    public VolumeMount(String type, String source, String target, boolean readOnly) {
        this(type, source, target, readOnly, null);
    }
}
