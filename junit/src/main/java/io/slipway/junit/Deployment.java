package io.slipway.junit;

import io.slipway.LaunchResult;
import io.slipway.ServiceResult;
import io.slipway.inputs.Secret;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A deployment for tests: what to deploy, declared in a field, and once started, what tests read from it.
 *
 * <pre>{@code
 * @Deployed
 * static Deployment web = Deployment.of("web.yaml").backend("compose").input("greeting", "hi");
 *
 * @Test
 * void answers() throws Exception {
 *     try (Socket s = new Socket("127.0.0.1", web.hostPort("web", 8080))) { ... }
 * }
 * }</pre>
 *
 * <p>The declaring methods ({@link #of}, {@link #backend(String)}, {@link #input}...) return a new declaration; they
 * never change this one. The reading methods ({@link #name()}, {@link #result()}, {@link #hostPort}...) answer while
 * the extension holds the deployment started (in the field's scope: a test for an instance field, the class for a
 * static field, the run for a shared one); before or after, they throw an {@link IllegalStateException} saying so.
 * A {@code Deployment} injected as a parameter, or into a {@code @Deployed} field left null, is the class's
 * {@link SlipwayDeployment}. Thread-safe.
 */
public final class Deployment {

    private final Declaration declaration;
    /** Made from a {@link SlipwayDeployment}: the class's, given to fields, never started from a field. */
    private final boolean annotated;
    private volatile Running running;

    Deployment(Declaration declaration) {
        this(declaration, false);
    }

    Deployment(Declaration declaration, boolean annotated) {
        this.declaration = declaration;
        this.annotated = annotated;
    }

    /**
     * A deployment of the spec at {@code spec}: a file (relative to the working directory, which is the module's
     * directory under Maven) or, when no such file exists or the path starts with {@code classpath:}, a class-path
     * resource of the test class. The backend is Slipway's default rule ({@code SLIPWAY_LAUNCHER}, then
     * {@code -Dslipway.launcher}, then {@code docker-run}), the apply may take 5 minutes.
     */
    public static Deployment of(String spec) {
        return new Deployment(Declaration.of(spec));
    }

    /** This declaration on the backend {@code config} names, e.g. {@code compose?binary=docker-compose}. */
    public Deployment backend(String config) {
        Declaration d = declaration;
        return new Deployment(new Declaration(d.spec(), config, d.inputs(), d.namePrefix(), d.keep(), d.timeout(),
                d.shared()));
    }

    /** This declaration with the input {@code name} set to {@code value} (a String, Number, Boolean, List or Map). */
    public Deployment input(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, () -> "value of input '" + name + "'");
        Map<String, Object> inputs = new LinkedHashMap<>(declaration.inputs());
        inputs.put(name, value);
        return withInputs(inputs);
    }

    /** This declaration with the secret input {@code name}: masked wherever it could be shown. */
    public Deployment secret(String name, String value) {
        Objects.requireNonNull(value, () -> "value of input '" + name + "'");
        return input(name, Secret.of(value));
    }

    /** This declaration with inputs given as {@code name=value} strings, as on the command line's {@code -i}. */
    public Deployment inputs(String... nameValues) {
        Map<String, Object> inputs = new LinkedHashMap<>(declaration.inputs());
        for (String nv : nameValues) {
            Map.Entry<String, String> e = Declaration.parseInput(nv, "Deployment.inputs");
            inputs.put(e.getKey(), e.getValue());
        }
        return withInputs(inputs);
    }

    private Deployment withInputs(Map<String, Object> inputs) {
        Declaration d = declaration;
        return new Deployment(new Declaration(d.spec(), d.backend(), inputs, d.namePrefix(), d.keep(), d.timeout(),
                d.shared()));
    }

    /**
     * This declaration with deployment names starting {@code prefix} (default {@code junit}); the rest is the test
     * class's name and a part unique to the run, so that parallel classes and runs never share a deployment.
     */
    public Deployment namePrefix(String prefix) {
        Declaration d = declaration;
        return new Deployment(new Declaration(d.spec(), d.backend(), d.inputs(), Names.requirePrefix(prefix), d.keep(),
                d.timeout(), d.shared()));
    }

    /**
     * This declaration kept after the tests (not deleted), to look at it; {@code -Dslipway.keep=true} keeps every
     * deployment. Its name is logged, for {@code slipway delete}.
     */
    public Deployment keep(boolean keep) {
        Declaration d = declaration;
        return new Deployment(new Declaration(d.spec(), d.backend(), d.inputs(), d.namePrefix(), keep, d.timeout(),
                d.shared()));
    }

    /** This declaration with {@code timeout} for the whole apply (the spec's own waits have their own timeouts). */
    public Deployment timeout(Duration timeout) {
        Declaration d = declaration;
        return new Deployment(new Declaration(d.spec(), d.backend(), d.inputs(), d.namePrefix(), d.keep(), timeout,
                d.shared()));
    }

    /**
     * This declaration shared under {@code name}: started once per test run, by the first test class that needs it,
     * and deleted at the end of the run. Every declaration of one shared name must be equal.
     */
    public Deployment shared(String name) {
        Declaration d = declaration;
        return new Deployment(new Declaration(d.spec(), d.backend(), d.inputs(), d.namePrefix(), d.keep(), d.timeout(),
                Names.requireShared(name)));
    }

    Declaration declaration() {
        return declaration;
    }

    boolean annotated() {
        return annotated;
    }

    void attach(Running r) {
        running = r;
    }

    /** Whether the deployment is started now (and not deleted yet). */
    public boolean isStarted() {
        Running r = running;
        return r != null && !r.closed();
    }

    private Running running() {
        Running r = running;
        if (r == null || r.closed()) {
            throw new IllegalStateException("deployment of " + declaration + " is not started: it is started by "
                    + "SlipwayExtension for a test in its scope (a @Deployed field, or @SlipwayDeployment on the class)");
        }
        return r;
    }

    /** The deployment's name, e.g. {@code junit-webit-3-9f2c1a}. */
    public String name() {
        return running().name();
    }

    /** The config string of the backend it was applied with. */
    public String backend() {
        return running().config();
    }

    /** The result of the apply (every service succeeded: a failed apply fails the tests instead). */
    public LaunchResult result() {
        return running().result();
    }

    /**
     * The result of the service {@code service}.
     *
     * @throws IllegalArgumentException when the spec has no such service, naming the ones it has
     */
    public ServiceResult service(String service) {
        LaunchResult result = result();
        ServiceResult s = result.service(service);
        if (s == null) {
            throw new IllegalArgumentException("deployment '" + result.deployment() + "' has no service '" + service
                    + "'; its services: " + result.services().stream().map(ServiceResult::name)
                            .collect(Collectors.joining(", ")));
        }
        return s;
    }

    /** The id of the container of {@code service} (null for a service with several replicas: see its result). */
    public String containerId(String service) {
        return service(service).containerId();
    }

    /** The name of the container of {@code service} (null for a service with several replicas). */
    public String containerName(String service) {
        return service(service).containerName();
    }

    /**
     * The host port published for {@code containerPort}/tcp of {@code service}'s container: the one the engine bound
     * (a port the spec leaves to the engine, {@code "8080"}, gets a free one; on swarm, the task container's host-mode
     * port), else the one the spec publishes.
     *
     * @throws IllegalArgumentException when the service publishes no host port for it, naming the ports it publishes
     */
    public int hostPort(String service, int containerPort) {
        return running().hostPort(service(service), containerPort);
    }

    /** The spec's declared outputs ({@code x-slipway.outputs}) by name. */
    public Map<String, Object> outputs() {
        return result().outputs();
    }

    /**
     * The output {@code name}.
     *
     * @throws IllegalArgumentException when the spec declares no such output, naming the ones it declares
     */
    public Object output(String name) {
        Map<String, Object> outputs = outputs();
        if (!outputs.containsKey(name)) {
            throw new IllegalArgumentException("no output '" + name + "'; declared outputs: " + outputs.keySet());
        }
        return outputs.get(name);
    }

    @Override
    public String toString() {
        Running r = running;
        return "Deployment[" + declaration + (r == null || r.closed() ? ", not started" : ", " + r.name()) + "]";
    }
}
