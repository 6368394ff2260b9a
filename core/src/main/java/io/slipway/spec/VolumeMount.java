package io.slipway.spec;

/**
 * A mount, from either Compose syntax ({@code "./data:/data:ro"} or the long form).
 *
 * @param type {@code bind}, {@code volume} or {@code tmpfs}
 * @param source host path (absolute, resolved against the spec's directory) for bind, volume name for
 *        volume (null: anonymous), null for tmpfs
 * @param target the path in the container
 * @param readOnly whether it is mounted read-only
 */
public record VolumeMount(String type, String source, String target, boolean readOnly) {
}
