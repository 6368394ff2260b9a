package io.slipway.heat;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.inputs.Secret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One deployment item, as heat-config's dispatcher writes it on a hook's stdin:
 * {@code {id, name, group, config, inputs: [{name, value, type, ...}], outputs: [{name, type, error_output}],
 * options, creation_time}}. Heat appends derived inputs to every item: {@code deploy_server_id},
 * {@code deploy_action}, {@code deploy_stack_id}, {@code deploy_resource_name}, {@code deploy_signal_transport},
 * and, by transport, {@code deploy_signal_id}, {@code deploy_signal_verb}, {@code deploy_auth_url},
 * {@code deploy_username}, {@code deploy_user_id}, {@code deploy_password}, {@code deploy_project_id},
 * {@code deploy_region_name}, {@code deploy_queue_id}.
 *
 * <p>{@link #toString()} shows no input value: some are secrets ({@link #TRANSPORT_SECRETS}).
 *
 * @param id the derived config's id (new for every CREATE and UPDATE)
 * @param name the deployment's name (the deployment's {@code name} property, else the config's name, else the
 *        resource's physical name): stable across updates of one deployment
 * @param group the config's group, e.g. {@code docker-cmd}
 * @param config the config: a map, a string (YAML or JSON text), or null
 * @param inputs the inputs in the item's order
 * @param outputs the outputs the deployment declares
 * @param options the config's options (empty when none)
 * @param creationTime the item's {@code creation_time}, or null
 */
public record HookItem(String id, String name, String group, Object config, List<HookInput> inputs,
        List<HookOutput> outputs, Map<String, Object> options, String creationTime) {

    /** The actions Heat deploys with, in {@code deploy_action}. */
    public static final List<String> ACTIONS = List.of("CREATE", "UPDATE", "DELETE", "SUSPEND", "RESUME");

    /**
     * Derived inputs that carry a credential or a signed signalling address: masked wherever anything is
     * shown, never written but to 0600 files.
     */
    public static final Set<String> TRANSPORT_SECRETS = Set.of("deploy_signal_id", "deploy_auth_url",
            "deploy_username", "deploy_user_id", "deploy_password", "deploy_project_id", "deploy_queue_id");

    private static final ObjectMapper JSON = new ObjectMapper();

    public HookItem {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Reads an item from the text on a hook's stdin.
     *
     * @throws HookException when the text is not a JSON object, or a field has the wrong shape; the message
     *         gives the position or the field, never the text (it may hold secrets)
     */
    public static HookItem parse(String text) {
        if (text == null || text.isBlank()) {
            throw new HookException("stdin is empty: a hook reads one deployment item as a JSON object");
        }
        Object root;
        try {
            root = JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new HookException("stdin is not a JSON object: invalid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new HookException("stdin is not a JSON object but " + kind(root)
                    + ": a hook reads one deployment item as a JSON object");
        }
        return of(map);
    }

    /** Reads an item from its JSON form as plain maps and lists (as the dispatcher's configuration file holds it). */
    static HookItem of(Map<?, ?> map) {
        return new HookItem(scalar(map.get("id"), "id"), scalar(map.get("name"), "name"),
                scalar(map.get("group"), "group"), map.get("config"), inputs(map.get("inputs")),
                outputs(map.get("outputs")), options(map.get("options")), scalar(map.get("creation_time"), "creation_time"));
    }

    private static List<HookInput> inputs(Object node) {
        List<HookInput> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node instanceof Map<?, ?> byName) {
            // Lenient: some callers (and heat-agents' own tests) hand {name: value} or {}.
            byName.forEach((k, v) -> out.add(new HookInput(String.valueOf(k), null, v)));
            return out;
        }
        if (!(node instanceof List<?> list)) {
            throw new HookException("item field 'inputs' must be a list of {name, value} objects but was " + kind(node));
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("name") instanceof String n) || n.isBlank()) {
                throw new HookException("item field 'inputs[" + i + "]' must be an object with a string 'name'");
            }
            out.add(new HookInput(n, m.get("type") instanceof String t ? t : null, m.get("value")));
        }
        return out;
    }

    private static List<HookOutput> outputs(Object node) {
        List<HookOutput> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof List<?> list)) {
            throw new HookException("item field 'outputs' must be a list of {name, ...} objects but was " + kind(node));
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("name") instanceof String n) || n.isBlank()) {
                throw new HookException("item field 'outputs[" + i + "]' must be an object with a string 'name'");
            }
            out.add(new HookOutput(n, m.get("type") instanceof String t ? t : null,
                    Boolean.TRUE.equals(m.get("error_output")) || "true".equalsIgnoreCase(String.valueOf(m.get("error_output")))));
        }
        return out;
    }

    private static Map<String, Object> options(Object node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof Map<?, ?> m)) {
            throw new HookException("item field 'options' must be an object but was " + kind(node));
        }
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static String scalar(Object node, String field) {
        if (node == null) {
            return null;
        }
        if (node instanceof String || node instanceof Number || node instanceof Boolean) {
            return node.toString();
        }
        throw new HookException("item field '" + field + "' must be a string but was " + kind(node));
    }

    /** How a JSON node is called in messages. */
    public static String kind(Object node) {
        if (node == null) {
            return "null";
        }
        if (node instanceof Map<?, ?>) {
            return "an object";
        }
        if (node instanceof List<?>) {
            return "a list";
        }
        if (node instanceof String) {
            return "a string";
        }
        if (node instanceof Boolean) {
            return "a boolean";
        }
        return node instanceof Number ? "a number" : node.getClass().getSimpleName();
    }

    /** The input called {@code name}, if the item has it (the last one, as Python's dict() would keep). */
    public Optional<HookInput> input(String name) {
        HookInput found = null;
        for (HookInput i : inputs) {
            if (i.name().equals(name)) {
                found = i;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The value of input {@code name} as text: strings as they are, other JSON values as JSON; null when unset. */
    public String text(String name) {
        return input(name).map(HookInput::value).map(HeatValues::text).orElse(null);
    }

    /**
     * {@code deploy_action}: one of {@link #ACTIONS}; {@code CREATE} when the item has none.
     *
     * @throws HookException naming the value and the valid actions
     */
    public String action() {
        String a = text("deploy_action");
        if (a == null || a.isBlank()) {
            return "CREATE";
        }
        if (!ACTIONS.contains(a)) {
            throw new HookException("unknown deploy_action '" + a + "'; valid actions: " + String.join(", ", ACTIONS));
        }
        return a;
    }

    /** Whether the item has a config to act on (not null, not an empty string or map). */
    public boolean hasConfig() {
        if (config == null) {
            return false;
        }
        if (config instanceof String s) {
            return !s.isBlank();
        }
        return !(config instanceof Map<?, ?> m) || !m.isEmpty();
    }

    /** The values of the transport secrets this item carries, longest first (so that one containing another is masked whole). */
    public List<String> secretValues() {
        List<String> out = new ArrayList<>();
        for (HookInput i : inputs) {
            if (i.transportSecret() && i.value() != null) {
                String v = HeatValues.text(i.value());
                if (!v.isEmpty()) {
                    out.add(v);
                }
            }
        }
        out.sort(Comparator.comparingInt(String::length).reversed());
        return out;
    }

    /** {@code text} with every transport secret of this item replaced by {@link Secret#MASK}; null stays null. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secretValues()) {
            out = out.replace(s, Secret.MASK);
        }
        return out;
    }

    /** Id, name, group and input names only: values may be secret. */
    @Override
    public String toString() {
        return "HookItem[id=" + id + ", name=" + name + ", group=" + group + ", inputs="
                + inputs.stream().map(HookInput::name).toList() + "]";
    }
}
