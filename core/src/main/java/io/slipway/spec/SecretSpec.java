package io.slipway.spec;

/**
 * One entry of the top-level {@code secrets} or {@code configs}, by Compose's local semantics: its content is a
 * file, an input, or (configs only) written inline. Exactly one of {@code file}, {@code environment} and
 * {@code content} is set. {@code external} entries exist only on a swarm and are refused when read.
 *
 * @param kind whether it is a secret or a config
 * @param key its key under {@code secrets} or {@code configs}, which services name
 * @param name {@code name}, or null; locally it names nothing (no secret object is created) and is only kept
 * @param file {@code file}: an absolute host path (a relative one was resolved against the spec's directory), or null
 * @param environment {@code environment}: the input (declared under {@code x-slipway.inputs}, or given) whose value
 *        is the content, or null. Slipway reads no variable of its own process: inputs are its only variables
 * @param content {@code content} (configs only), interpolated, or null; may hold a secret input's value
 */
public record SecretSpec(Kind kind, String key, String name, String file, String environment, String content) {

    /** Secret or config: where it is mounted by default and what the spec calls it. */
    public enum Kind {
        /** A top-level {@code secrets} entry: mounted at {@code /run/secrets/<target>}. */
        SECRET("secrets", "secret"),
        /** A top-level {@code configs} entry: mounted at {@code /<target>}. */
        CONFIG("configs", "config");

        private final String key;
        private final String noun;

        Kind(String key, String noun) {
            this.key = key;
            this.noun = noun;
        }

        /** The spec's key: {@code secrets} or {@code configs}. */
        public String key() {
            return key;
        }

        /** {@code secret} or {@code config}, for messages. */
        public String noun() {
            return noun;
        }
    }

    /** Where the content comes from, for messages: {@code file /abs/path}, {@code input NAME} or {@code inline content}. */
    public String describeSource() {
        return file != null ? "file " + file : environment != null ? "input " + environment : "inline content";
    }

    /** Kind, key and source only: the content may be a secret. */
    @Override
    public String toString() {
        return "SecretSpec[" + kind.key() + "." + key + ", " + describeSource() + "]";
    }
}
