package io.slipway.heat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deployment items as Heat builds them ({@code software_deployment.py}: declared inputs with their values, then
 * the derived {@code deploy_*} inputs, here for the HEAT_SIGNAL transport, whose credentials are secrets), and as
 * heat-config's dispatcher hands them to a hook: String-typed values stringified with Python's {@code str()}.
 */
public final class Items {

    /** The transport password every item carries. */
    public static final String PASSWORD = "heat-pw-" + UUID.randomUUID();
    /** The signed signal address every item carries. */
    public static final String SIGNAL = "http://192.0.2.7:8000/v1/signal/arn%3Aopenstack%3Aheat?Signature=" + UUID.randomUUID();

    private final Map<String, Object> item = new LinkedHashMap<>();
    private final List<Map<String, Object>> inputs = new ArrayList<>();
    private final List<Map<String, Object>> outputs = new ArrayList<>();
    private String action = "CREATE";

    private Items(String group, String id, String name) {
        item.put("id", id);
        item.put("name", name);
        item.put("group", group);
        item.put("options", new LinkedHashMap<>());
        item.put("creation_time", "2024-05-01T10:00:00Z");
    }

    /** An item of {@code group} with id {@code id} and deployment name {@code name}. */
    public static Items item(String group, String id, String name) {
        return new Items(group, id, name);
    }

    public Items config(Object config) {
        item.put("config", config);
        return this;
    }

    /** A String-typed input (the dispatcher stringifies its value). */
    public Items input(String name, Object value) {
        return input(name, "String", value);
    }

    public Items input(String name, String type, Object value) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("name", name);
        i.put("type", type);
        i.put("value", value);
        inputs.add(i);
        return this;
    }

    public Items output(String name) {
        outputs.add(new LinkedHashMap<>(Map.of("name", name, "type", "String", "error_output", false)));
        return this;
    }

    public Items option(String key, Object value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) item.get("options");
        options.put(key, value);
        return this;
    }

    public Items action(String action) {
        this.action = action;
        return this;
    }

    /** The item as Heat builds it, derived inputs appended. */
    public Map<String, Object> heat() {
        Map<String, Object> m = new LinkedHashMap<>(item);
        List<Map<String, Object>> all = new ArrayList<>();
        inputs.forEach(i -> all.add(new LinkedHashMap<>(i)));
        derived(all, "deploy_server_id", "9f1f0e00-05d2-4ca5-8602-95021f19c9d0");
        derived(all, "deploy_action", action);
        derived(all, "deploy_stack_id", "stack-" + item.get("name") + "/42f6f66b-631a-44e7-8d01-e22fb54574a9");
        derived(all, "deploy_resource_name", "deployment_" + item.get("name"));
        derived(all, "deploy_signal_transport", "HEAT_SIGNAL");
        derived(all, "deploy_auth_url", "http://192.0.2.5:5000/v3");
        derived(all, "deploy_username", "heat-agent-user");
        derived(all, "deploy_user_id", "u-" + UUID.randomUUID());
        derived(all, "deploy_password", PASSWORD);
        derived(all, "deploy_project_id", "p-" + UUID.randomUUID());
        derived(all, "deploy_region_name", "RegionOne");
        derived(all, "deploy_signal_id", SIGNAL);
        m.put("inputs", all);
        m.put("outputs", new ArrayList<>(outputs));
        return m;
    }

    /** The item as the dispatcher hands it to the hook: String-typed values passed through Python's str(). */
    public Map<String, Object> dispatched() {
        return Dispatcher.stringify(heat());
    }

    /** {@link #dispatched()} as JSON text. */
    public String json() {
        return HeatValues.json(dispatched());
    }

    private static void derived(List<Map<String, Object>> inputs, String name, Object value) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("name", name);
        i.put("type", "String");
        i.put("value", value);
        inputs.add(i);
    }
}
