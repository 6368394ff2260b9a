package io.slipway.heat.group;

import io.slipway.heat.HookException;
import io.slipway.heat.HookItem;
import io.slipway.heat.HookResponse;
import io.slipway.heat.Hooks;
import java.util.List;
import java.util.Map;

/**
 * One heat-config hook group: turns a deployment item into a response. Implementations never write to
 * stdout; {@link Hooks} does, once.
 */
public sealed interface HookGroup permits DockerComposeGroup, DockerCmdGroup, AtomicGroup, SlipwayGroup {

    /** The groups Slipway implements, as heat-config names its hooks. */
    List<String> NAMES = List.of(DockerComposeGroup.NAME, DockerCmdGroup.NAME, AtomicGroup.NAME, SlipwayGroup.NAME);

    /** The group's name, which is also the hook's file name. */
    String name();

    /**
     * Acts on {@code item}: CREATE and UPDATE deploy, DELETE removes, SUSPEND and RESUME stop and start. A
     * failure of the tool is a response with a non-zero status code, not an exception.
     *
     * @throws HookException (or another {@link io.slipway.SlipwayException}) when the item cannot be acted on
     */
    HookResponse run(HookItem item);

    /**
     * The group called {@code name}, reading its settings ({@code HEAT_*}, {@code SLIPWAY_LAUNCHER},
     * {@code DOCKER_HOST}) from {@code env}.
     *
     * @throws HookException naming the group and the valid ones
     */
    static HookGroup named(String name, Map<String, String> env) {
        if (name == null || name.isBlank()) {
            throw new HookException("no hook group given; valid groups: " + String.join(", ", NAMES));
        }
        return switch (name) {
            case DockerComposeGroup.NAME -> new DockerComposeGroup(env);
            case DockerCmdGroup.NAME -> new DockerCmdGroup(env);
            case AtomicGroup.NAME -> new AtomicGroup(env);
            case SlipwayGroup.NAME -> new SlipwayGroup(env);
            default -> throw new HookException("unknown hook group '" + name + "'; valid groups: " + String.join(", ", NAMES));
        };
    }
}
