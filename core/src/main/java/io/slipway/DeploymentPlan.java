package io.slipway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link ContainerLauncher#apply apply} of a spec would do, without doing it ({@link ContainerLauncher#plan}):
 * per service whether it would be created, replaced (naming the settings that changed), left unchanged or removed;
 * the networks, volumes and secrets it would create; the images it would build; and the inputs it resolved, secret
 * ones masked. A backend answers it from the same source as its apply (the config hash and labels of what runs), so
 * an apply right after does what the plan says. Holds no secret value, so it may be printed or logged.
 *
 * @param deployment the deployment's name
 * @param backend the backend that planned it
 * @param services one change per service of the spec, in the spec's order, then the services the apply would remove
 * @param networks the deployment's networks the apply would create, or finds as they are
 * @param volumes the deployment's named volumes the apply would create, or finds as they are
 * @param secrets the secrets and configs the services are granted, and whether their content changed
 * @param builds the images the apply would build
 * @param inputs the resolved inputs by name, each secret one as {@link io.slipway.inputs.Secret#MASK}
 */
public record DeploymentPlan(String deployment, String backend, List<Change> services, List<Change> networks,
        List<Change> volumes, List<Change> secrets, List<Build> builds, Map<String, String> inputs) {

    /** Copies the lists and the map; nothing may be null. */
    public DeploymentPlan {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(backend, "backend");
        services = List.copyOf(services);
        networks = List.copyOf(networks);
        volumes = List.copyOf(volumes);
        secrets = List.copyOf(secrets);
        builds = List.copyOf(builds);
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    /**
     * Whether the apply would change anything: create, replace or remove something, or build an image. The command
     * line exits 3 then, 0 otherwise.
     */
    public boolean changes() {
        return !builds.isEmpty() || java.util.stream.Stream.of(services, networks, volumes, secrets)
                .flatMap(List::stream).anyMatch(c -> c.action() != PlanAction.UNCHANGED);
    }

    /** The change of service {@code name}, or null when the plan has none. */
    public Change service(String name) {
        return services.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** The plan for people: one line per change, as {@code slipway plan} prints it. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("Plan for deployment '").append(deployment).append("' on ").append(backend).append(":\n");
        section(sb, "service", services);
        for (Build b : builds) {
            sb.append("  build    image ").append(b.image()).append(" (service ").append(b.service()).append(")\n");
        }
        section(sb, "network", networks);
        section(sb, "volume", volumes);
        section(sb, "secret", secrets);
        if (!inputs.isEmpty()) {
            sb.append("Inputs:\n");
            inputs.forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(v).append('\n'));
        }
        long[] n = new long[PlanAction.values().length];
        services.forEach(c -> n[c.action().ordinal()]++);
        sb.append(changes() ? "Changes" : "No changes").append(": ").append(n[PlanAction.CREATE.ordinal()])
                .append(" to create, ").append(n[PlanAction.REPLACE.ordinal()]).append(" to replace, ")
                .append(n[PlanAction.REMOVE.ordinal()]).append(" to remove, ")
                .append(n[PlanAction.UNCHANGED.ordinal()]).append(" unchanged");
        return sb.toString();
    }

    private static void section(StringBuilder sb, String kind, List<Change> changes) {
        for (Change c : changes) {
            sb.append("  ").append(String.format("%-8s %s %s", c.action().word(), kind, c.name()));
            List<String> why = new ArrayList<>();
            if (!c.changed().isEmpty()) {
                why.add("changed: " + String.join(", ", c.changed()));
            }
            if (c.reason() != null && !c.reason().isEmpty()) {
                why.add(c.reason());
            }
            if (!why.isEmpty()) {
                sb.append(" (").append(String.join("; ", why)).append(')');
            }
            sb.append('\n');
        }
    }

    /**
     * The plan as plain maps and lists, as {@code slipway plan --json} prints it: {@code deployment}, {@code backend},
     * {@code changes} (boolean), {@code services}, {@code networks}, {@code volumes}, {@code secrets} (each a list of
     * {@code {name, action, changed, reason}}), {@code builds} ({@code {service, image}}) and {@code inputs}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deployment", deployment);
        m.put("backend", backend);
        m.put("changes", changes());
        m.put("services", maps(services));
        m.put("networks", maps(networks));
        m.put("volumes", maps(volumes));
        m.put("secrets", maps(secrets));
        m.put("builds", builds.stream().map(b -> {
            Map<String, Object> bm = new LinkedHashMap<>();
            bm.put("service", b.service());
            bm.put("image", b.image());
            return bm;
        }).toList());
        m.put("inputs", inputs);
        return m;
    }

    private static List<Map<String, Object>> maps(List<Change> changes) {
        return changes.stream().map(c -> {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put("action", c.action().word());
            cm.put("changed", c.changed());
            cm.put("reason", c.reason());
            return cm;
        }).toList();
    }

    /** {@link #toMap()} as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(toMap());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write plan as JSON", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    @Override
    public String toString() {
        return describe();
    }

    /**
     * One thing the apply would create, replace, leave or remove.
     *
     * @param name the service's, network's, volume's or secret's key in the spec
     * @param action what the apply would do
     * @param changed for a {@link PlanAction#REPLACE replace}, the settings whose value changed (names such as
     *        {@code command}, {@code image}, {@code environment.DB_PASSWORD}, never a value), sorted; empty when
     *        unknown (a container made before Slipway recorded them) or not a replacement
     * @param reason why, in a few words, when the action alone does not say it (else empty)
     */
    public record Change(String name, PlanAction action, List<String> changed, String reason) {

        /** Copies the list; a null reason becomes empty. */
        public Change {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(action, "action");
            changed = List.copyOf(changed);
            reason = reason == null ? "" : reason;
        }

        /** A change with no settings named and no reason. */
        public static Change of(String name, PlanAction action) {
            return new Change(name, action, List.of(), "");
        }
    }

    /**
     * An image the apply would build.
     *
     * @param service the service whose {@code build} makes it (the first, when several share the image)
     * @param image the image's tag
     */
    public record Build(String service, String image) {

        /** Checks that nothing is null. */
        public Build {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(image, "image");
        }
    }
}
