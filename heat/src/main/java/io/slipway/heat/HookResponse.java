package io.slipway.heat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a hook writes on stdout, as one JSON object: a value for each declared output it can provide, then
 * {@code deploy_stdout}, {@code deploy_stderr} and {@code deploy_status_code} (0 exactly when the deployment
 * succeeded). heat-config's dispatcher signals it to Heat as it is.
 *
 * @param deployStdout what the tool said, or a summary
 * @param deployStderr what went wrong, or the tool's diagnostics
 * @param deployStatusCode 0 on success, else non-zero
 * @param outputs output values by name (strings, numbers, lists, maps); a name among the three above is ignored
 */
public record HookResponse(String deployStdout, String deployStderr, int deployStatusCode, Map<String, Object> outputs) {

    /** The keys Heat reads on every deployment. */
    public static final List<String> DEPLOY_KEYS = List.of("deploy_stdout", "deploy_stderr", "deploy_status_code");

    public HookResponse {
        deployStdout = deployStdout == null ? "" : deployStdout;
        deployStderr = deployStderr == null ? "" : deployStderr;
        outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** A response without outputs. */
    public static HookResponse of(String deployStdout, String deployStderr, int deployStatusCode) {
        return new HookResponse(deployStdout, deployStderr, deployStatusCode, Map.of());
    }

    /** A failure before or instead of running anything: {@code reason} in {@code deploy_stderr}. */
    public static HookResponse failure(int deployStatusCode, String reason) {
        return of("", reason, deployStatusCode == 0 ? 1 : deployStatusCode);
    }

    /** This response with every text (outputs included) passed through {@code mask}. */
    public HookResponse masked(UnaryOperator<String> mask) {
        Map<String, Object> out = new LinkedHashMap<>();
        outputs.forEach((k, v) -> out.put(k, v instanceof String s ? mask.apply(s) : v));
        return new HookResponse(mask.apply(deployStdout), mask.apply(deployStderr), deployStatusCode, out);
    }

    /** The JSON object's content: outputs first, then the three deploy keys (which win over an output of that name). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        outputs.forEach((k, v) -> {
            if (!DEPLOY_KEYS.contains(k)) {
                m.put(k, v);
            }
        });
        m.put("deploy_stdout", deployStdout);
        m.put("deploy_stderr", deployStderr);
        m.put("deploy_status_code", deployStatusCode);
        return m;
    }

    /** The response as one compact JSON object, without a trailing newline (as heat-agents' hooks write it). */
    public String toJson() {
        return HeatValues.json(toMap());
    }
}
