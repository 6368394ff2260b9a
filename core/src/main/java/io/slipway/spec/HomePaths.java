package io.slipway.spec;

import java.nio.file.Path;

/**
 * Compose's {@code ~} in file paths (bind sources, {@code env_file}, {@code build} context, secret and config
 * {@code file}, {@code extends.file}, {@code include}): a leading {@code ~} alone or followed by {@code /} is the
 * home directory of the user running Slipway ({@code user.home}), as Compose expands it on the client. {@code ~user}
 * is not expanded by Compose either (it would read it as a path under the home), so it is refused rather than guessed.
 */
final class HomePaths {

    private HomePaths() {
    }

    /** Whether {@code path} starts with {@code ~}. */
    static boolean tilde(String path) {
        return path != null && path.startsWith("~");
    }

    /**
     * {@code path} with a leading {@code ~} or {@code ~/} replaced by the home directory; any other path as it is.
     *
     * @param at the spec path of the value, for the error
     * @throws SpecException for {@code ~user}, which is not expanded, and for a path holding a NUL character
     */
    static String expand(String path, String at, Values v) {
        // A file path reaches java.nio, which refuses a NUL: say so by path, without echoing a value that may be secret.
        if (path != null && path.indexOf('\0') >= 0) {
            throw v.fail(at, "a file path cannot hold a NUL character");
        }
        if (!tilde(path)) {
            return path;
        }
        if (!path.equals("~") && !path.startsWith("~/")) {
            throw v.fail(at, "'" + path + "': only a leading ~ or ~/ is expanded (to the home directory); "
                    + "~user is not, write an absolute path");
        }
        return Path.of(home()).resolve(path.substring(1).replaceFirst("^/+", "")).normalize().toString();
    }

    /** The home directory of the user running Slipway. */
    static String home() {
        return System.getProperty("user.home");
    }
}
