package io.slipway;

import java.util.regex.Pattern;

/** The rule for deployment names, shared by every backend: they become parts of container and project names. */
public final class DeploymentNames {

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");

    private DeploymentNames() {
    }

    /**
     * Returns {@code name} if valid.
     *
     * @throws SlipwayException naming the bad name and the rule
     */
    public static String requireValid(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new SlipwayException("bad deployment name '" + name + "': use 1-63 letters, digits, '_', '.' or '-', "
                    + "starting with a letter or digit");
        }
        return name;
    }
}
