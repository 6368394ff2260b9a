package io.slipway.spec;

/**
 * A service's grant of one secret or config (its {@code secrets} or {@code configs} entry, short or long form):
 * which declaration, mounted read-only where.
 *
 * @param kind whether {@code source} names a top-level secret or config
 * @param source the key of the top-level declaration ({@link ResolvedSpec#secrets()} or {@link ResolvedSpec#configs()})
 * @param target the absolute path in the container: a secret's relative {@code target} (default: its source) under
 *        {@code /run/secrets/}, a config's (default: {@code /<source>}) under {@code /}
 * @param uid {@code uid} as written, or null
 * @param gid {@code gid} as written, or null
 * @param mode {@code mode} as written (YAML reads {@code 0440} as the number 288, which is kept as {@code 288}), or null
 */
public record SecretMount(SecretSpec.Kind kind, String source, String target, String uid, String gid, String mode) {

    /** Whether it asks for an owner or mode of its own ({@code uid}, {@code gid}, {@code mode}). */
    public boolean hasOwnership() {
        return uid != null || gid != null || mode != null;
    }
}
