package io.slipway.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.slipway.engine.Labels;
import io.slipway.spec.Interpolator;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compose file Slipway writes for a deployment: the spec as written (not interpolated: the tool
 * interpolates with the inputs it gets through its environment, so no input value is in the file), minus
 * what is Slipway's, plus Slipway's labels, adjusted to what the tool's generation accepts. Written as
 * JSON, which is YAML too: every string stays a string for PyYAML's YAML 1.1 ({@code restart: "no"}).
 */
final class ComposeFile {

    private static final Logger LOG = LoggerFactory.getLogger(ComposeFile.class);
    private static final java.util.regex.Pattern V1_PERMISSIONS = java.util.regex.Pattern.compile("[rwm]{1,3}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ComposeFile() {
    }

    /**
     * Renders {@code document} ({@link io.slipway.spec.LaunchSpec#composeDocument()}) for {@code deployment};
     * the services in {@code oneshots} are labelled as one-shot tasks, which {@code resume} does not run again.
     *
     * @throws SpecException with the path of a value v1 would silently interpolate differently
     */
    static String render(Map<String, Object> document, String deployment, ComposeTool.Generation generation,
            Set<String> oneshots) {
        return render(document, deployment, generation, oneshots, Map.of());
    }

    /**
     * {@link #render(Map, String, ComposeTool.Generation, Set)}, adding {@code labels} (by service name) to the
     * services' labels: Slipway's config hash and digests ({@link ComposeDigests#labels}).
     */
    static String render(Map<String, Object> document, String deployment, ComposeTool.Generation generation,
            Set<String> oneshots, Map<String, Map<String, String>> labels) {
        // The project name is Slipway's (-p); v1's schema has no 'name', v2 calls 'version' obsolete, and without
        // 'version' v1 reads the file as the Compose Specification, where depends_on conditions exist.
        document.remove("name");
        document.remove("version");
        if (generation == ComposeTool.Generation.V1) {
            V1Interpolation.check(document);
        }
        Map<String, Object> services = map(document.get("services"));
        services.forEach((name, node) -> {
            Map<String, Object> service = map(node);
            service.put("labels", withLabels(service.get("labels"), deployment, name, oneshots.contains(name),
                    labels.getOrDefault(name, Map.of())));
            // Slipway pulls and builds by it (ComposeApply): v1 validates it but ignores it, and refuses 'missing'.
            service.remove("pull_policy");
            if (generation == ComposeTool.Generation.V1) {
                v1DeployPids(service);
                v1Devices(service);
            }
            if (service.get("depends_on") instanceof Map<?, ?>) {
                service.put("depends_on", dependsOn(map(service.get("depends_on")), name, generation));
            }
            services.put(name, service);
        });
        document.put("services", services);
        try {
            return JSON.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the compose file as JSON", e);
        }
    }

    /**
     * {@code document} with every {@code env_file} entry that an input supplies ({@code x-slipway.env_files})
     * pointing at the file Slipway writes for it ({@code target} of its name), so the tool reads the input's
     * content; other entries stay as written. The document's entries and {@code resolved}'s (interpolated,
     * absolute) paths are in the same order.
     */
    static Map<String, Object> withEnvFiles(Map<String, Object> document, ResolvedSpec resolved,
            Function<String, Path> target) {
        Map<String, Object> services = map(document.get("services"));
        for (ServiceSpec service : resolved.services()) {
            Map<String, Object> node = map(services.get(service.name()));
            List<Object> entries = envFileEntries(node.get("env_file"), resolved);
            boolean changed = !entries.equals(node.get("env_file") == null ? List.of()
                    : node.get("env_file") instanceof List<?> l ? l : List.of(node.get("env_file")));
            for (int i = 0; i < service.envFiles().size() && i < entries.size(); i++) {
                Optional<String> name = resolved.suppliedEnvFileName(service.envFiles().get(i));
                if (name.isPresent()) {
                    entries.set(i, target.apply(name.get()).toString());
                    changed = true;
                }
            }
            if (changed) {
                node.put("env_file", entries);
            }
            services.put(service.name(), node);
        }
        document.put("services", services);
        return document;
    }

    /**
     * {@code env_file} entries as plain paths, which every Compose version reads: a long-form entry becomes its
     * {@code path} (as written), left out when it is optional ({@code required: false}) and the file does not exist,
     * as Compose v2 does.
     */
    private static List<Object> envFileEntries(Object node, ResolvedSpec resolved) {
        List<Object> out = new ArrayList<>();
        List<?> entries = node instanceof List<?> l ? l : node == null ? List.of() : List.of(node);
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> m)) {
                out.add(entry);
                continue;
            }
            String path = String.valueOf(m.get("path"));
            boolean required = !"false".equals(String.valueOf(m.get("required")));
            String file = Interpolator.interpolate(path, resolved.variables()::get);
            if (required || Files.exists(resolved.baseDir().resolve(file))) {
                out.add(path);
            }
        }
        return out;
    }

    /** The service's labels with Slipway's ownership labels added, in the form (map or list) the spec used. */
    private static Object withLabels(Object labels, String deployment, String service, boolean oneshot,
            Map<String, String> more) {
        Map<String, String> ours = new LinkedHashMap<>();
        ours.put(Labels.DEPLOYMENT, deployment);
        ours.put(Labels.SERVICE, service);
        ours.put(Labels.BACKEND, ComposeProvider.NAME);
        if (oneshot) {
            ours.put(Labels.ONESHOT, "true");
        }
        ours.putAll(more);
        if (labels instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object entry : list) {
                String key = String.valueOf(entry).split("=", 2)[0];
                if (!ours.containsKey(key)) {
                    out.add(entry);
                }
            }
            ours.forEach((k, v) -> out.add(k + "=" + v));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>(map(labels));
        out.putAll(ours);
        return out;
    }

    /**
     * Long-form {@code depends_on}: an entry without a condition gets {@code service_started} (the meaning
     * Slipway gives it, and v1 requires one); v1's schema knows only {@code condition}, so the keys Slipway
     * also ignores ({@code restart}, {@code required}) are dropped for it.
     */
    private static Map<String, Object> dependsOn(Map<String, Object> entries, String service,
            ComposeTool.Generation generation) {
        Map<String, Object> out = new LinkedHashMap<>();
        entries.forEach((dependency, node) -> {
            Map<String, Object> entry = new LinkedHashMap<>(map(node));
            entry.putIfAbsent("condition", "service_started");
            if (generation == ComposeTool.Generation.V1 && entry.keySet().retainAll(List.of("condition"))) {
                LOG.debug("services.{}.depends_on.{}: only 'condition' is kept for docker-compose v1", service, dependency);
            }
            out.put(dependency, entry);
        });
        return out;
    }

    /**
     * docker-compose v1 honours {@code deploy.resources.limits} but for {@code pids}, which its schema lacks: it
     * becomes {@code pids_limit} (unless the service sets that), which v1 knows.
     */
    private static void v1DeployPids(Map<String, Object> service) {
        Map<String, Object> deploy = map(service.get("deploy"));
        Map<String, Object> resources = map(deploy.get("resources"));
        Map<String, Object> limits = map(resources.get("limits"));
        Object pids = limits.remove("pids");
        if (pids == null) {
            return;
        }
        service.putIfAbsent("pids_limit", pids);
        resources.put("limits", limits);
        deploy.put("resources", resources);
        service.put("deploy", deploy);
    }

    /**
     * docker-compose v1 reads a device {@code HOST:PERMISSIONS} as {@code HOST:CONTAINER}, so the engine got a device
     * at the relative path {@code rw}: it gets {@code HOST:HOST:PERMISSIONS}, docker run's reading (core checked the form).
     */
    private static void v1Devices(Map<String, Object> service) {
        if (!(service.get("devices") instanceof List<?> devices)) {
            return;
        }
        service.put("devices", devices.stream().map(d -> {
            String[] parts = String.valueOf(d).split(":", -1);
            return parts.length == 2 && V1_PERMISSIONS.matcher(parts[1]).matches()
                    ? parts[0] + ":" + parts[0] + ":" + parts[1] : d;
        }).toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }
}
