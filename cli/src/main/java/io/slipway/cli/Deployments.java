package io.slipway.cli;

import java.util.regex.Pattern;

/** Checks deployment names before any backend is opened. */
final class Deployments {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private Deployments() {
    }

    /** Returns {@code name}, or throws a usage error saying what a name may contain. */
    static String check(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new UsageException("bad deployment name '" + name + "': use letters, digits, '_', '.' and '-'");
        }
        return name;
    }
}
