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
 * @param options the long form's {@code bind} and {@code volume} options
 */
public record VolumeMount(String type, String source, String target, boolean readOnly, String tmpfsOptions,
        Options options) {

    /** A mount without tmpfs options. */
    public VolumeMount(String type, String source, String target, boolean readOnly) {
        this(type, source, target, readOnly, null);
    }

    /** A mount without bind or volume options. */
    public VolumeMount(String type, String source, String target, boolean readOnly, String tmpfsOptions) {
        this(type, source, target, readOnly, tmpfsOptions, Options.NONE);
    }

    /**
     * The long form's {@code bind} and {@code volume} options.
     *
     * @param createHostPath {@code bind.create_host_path}: whether a missing host path is created (Compose's default,
     *        true) or is an error
     * @param propagation {@code bind.propagation}, or null
     * @param selinux {@code bind.selinux} ({@code z} or {@code Z}), or null
     * @param noCopy {@code volume.nocopy}: an empty volume is not filled from the image
     */
    public record Options(boolean createHostPath, String propagation, String selinux, boolean noCopy) {

        /** Compose's defaults. */
        public static final Options NONE = new Options(true, null, null, false);
    }
}
