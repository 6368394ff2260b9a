package io.slipway.heat.group;

import io.slipway.heat.HeatValues;
import io.slipway.heat.HookException;
import io.slipway.heat.HookItem;
import io.slipway.spec.LaunchSpec;
import java.nio.file.Path;
import java.util.Map;

/** An item's {@code config} as a Slipway spec: a map (written as JSON, which YAML includes) or YAML/JSON text. */
final class SpecText {

    private SpecText() {
    }

    /** The config's text. */
    static String of(HookItem item) {
        if (!item.hasConfig()) {
            throw new HookException("the item has no config: group '" + item.group() + "' needs a Compose-format spec,"
                    + " as a map or as YAML text");
        }
        Object c = item.config();
        if (c instanceof String s) {
            return s;
        }
        if (c instanceof Map<?, ?>) {
            return HeatValues.json(c);
        }
        throw new HookException("the item's config must be a map or YAML text but was " + HookItem.kind(c));
    }

    /**
     * Parses the config; relative paths in it resolve against {@code baseDir}.
     *
     * @throws io.slipway.spec.SpecException with the path of the bad key
     */
    static LaunchSpec parse(HookItem item, Path baseDir) {
        return LaunchSpec.parse(of(item), baseDir, "config of deployment '" + item.name() + "'");
    }
}
