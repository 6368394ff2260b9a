package io.slipway.spec;

/**
 * A service's grant of one secret or config (its {@code secrets} or {@code configs} entry, short or long form):
 * which declaration, mounted read-only where, owned by whom and with which mode.
 *
 * @param kind whether {@code source} names a top-level secret or config
 * @param source the key of the top-level declaration ({@link ResolvedSpec#secrets()} or {@link ResolvedSpec#configs()})
 * @param target the absolute path in the container: a secret's relative {@code target} (default: its source) under
 *        {@code /run/secrets/}, a config's (default: {@code /<source>}) under {@code /}
 * @param uid the numeric user id that owns the file in the container ({@code uid}, digits, as Compose), or null
 * @param gid the numeric group id that owns the file in the container ({@code gid}, digits), or null
 * @param mode the file's permission bits, 0 to 0777 ({@code mode}: YAML's {@code 0440} or the string
 *        {@code "0440"} both give 0440, that is 288), or null
 */
public record SecretMount(SecretSpec.Kind kind, String source, String target, String uid, String gid, Integer mode) {

    /** The mode a private copy gets when the grant gives an owner but no mode: Compose's default, world-readable. */
    public static final int DEFAULT_MODE = 0444;

    /** Whether it asks for an owner or mode of its own ({@code uid}, {@code gid}, {@code mode}). */
    public boolean hasOwnership() {
        return uid != null || gid != null || mode != null;
    }

    /**
     * The owner and mode asked for, in a form fit for a file name: {@code u1000-g1000-m440} with only the given parts
     * (the mode in octal); null when none is given.
     */
    public String ownershipTag() {
        if (!hasOwnership()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        if (uid != null) {
            b.append("u").append(uid);
        }
        if (gid != null) {
            b.append(b.isEmpty() ? "" : "-").append("g").append(gid);
        }
        if (mode != null) {
            b.append(b.isEmpty() ? "" : "-").append("m").append(Integer.toOctalString(mode));
        }
        return b.toString();
    }
}
