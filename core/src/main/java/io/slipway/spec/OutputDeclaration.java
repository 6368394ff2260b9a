package io.slipway.spec;

import java.util.Locale;

/**
 * An output under {@code x-slipway.outputs}: a value read from one service after the apply.
 *
 * @param name the output's name
 * @param service the service it is read from
 * @param value what is read
 */
public record OutputDeclaration(String name, String service, Value value) {

    /** What an output can read. */
    public enum Value {
        CONTAINER_ID("containerId"), CONTAINER_NAME("containerName"), EXIT_CODE("exitCode"), STATUS("status"),
        LOGS("logs");

        private final String spelling;

        Value(String spelling) {
            this.spelling = spelling;
        }

        /** The spec's spelling, e.g. {@code exitCode}. */
        public String spelling() {
            return spelling;
        }

        /** Reads the spec's spelling. */
        public static Value parse(String s) {
            for (Value v : values()) {
                if (v.spelling.equals(s)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("unknown output value '" + s + "'; valid values: containerId, "
                    + "containerName, exitCode, status, logs");
        }
    }

    @Override
    public String toString() {
        return name + "=" + service + "." + value.spelling().toLowerCase(Locale.ROOT);
    }
}
