package io.slipway.junit;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.LauncherConfigException;
import io.slipway.Launchers;
import io.slipway.SlipwayException;
import io.slipway.spec.Durations;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;

/**
 * The JUnit 5 extension behind {@link SlipwayDeployment}, {@link Deployed} and {@link Slipway}; registered by them, so
 * tests need not name it.
 *
 * <p>Each started deployment is a value in a JUnit store of its scope (the test, the class, or the root for the run),
 * which JUnit closes when the scope ends, passed or failed: that deletes it. Shared deployments are created through the
 * root store's {@code getOrComputeIfAbsent}, so under parallel execution the first class applies it while the others
 * wait for it, and each name is applied once per run. Every deployment gets a name of its own ({@code
 * <prefix>-<class>-<n>-<random>}), so parallel classes and concurrent runs on one engine never meet.
 */
public final class SlipwayExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
        ParameterResolver {

    private static final Namespace NS = Namespace.create(SlipwayExtension.class);
    private static final String CLASS_DEPLOYMENT = "class-deployment";

    /** Made by JUnit. */
    public SlipwayExtension() {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent() || context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("decided for the class");
        }
        Class<?> c = context.getRequiredTestClass();
        Optional<SlipwayDeployment> annotation = AnnotationSupport.findAnnotation(c, SlipwayDeployment.class);
        Optional<Slipway> slipway = AnnotationSupport.findAnnotation(c, Slipway.class);
        if (!annotation.map(SlipwayDeployment::disabledWithoutEngine).orElse(false)
                && !slipway.map(Slipway::disabledWithoutEngine).orElse(false)) {
            return ConditionEvaluationResult.enabled("disabledWithoutEngine is not set");
        }
        Set<String> configs = new LinkedHashSet<>();
        annotation.ifPresent(a -> configs.add(Running.config(declaration(a, c))));
        for (Field f : deployedFields(c, true)) {
            if (read(f, null) instanceof Deployment d && !d.annotated()) {
                configs.add(Running.config(d.declaration()));
            }
        }
        if (slipway.isPresent() || configs.isEmpty()) {
            String backend = slipway.map(Slipway::backend).orElse("");
            configs.add(Launchers.chooseConfig(System.getenv(), System.getProperties(), backend)
                    .orElse(Launchers.DEFAULT_BACKEND));
        }
        Store root = context.getRoot().getStore(NS);
        for (String config : configs) {
            String problem = root.getOrComputeIfAbsent("engine:" + config, k -> probe(config), String.class);
            if (!problem.isEmpty()) {
                // The backend's own error names the engine (masked as the backend masks it); the config string may not be shown whole.
                return ConditionEvaluationResult.disabled("no engine answers for backend '"
                        + Declaration.backendName(config) + "': " + problem);
            }
        }
        return ConditionEvaluationResult.enabled("an engine answers");
    }

    /** Empty when {@code config} opens; else why not. A bad config string is the test's error, not a missing engine. */
    private static String probe(String config) {
        try (ContainerLauncher launcher = Launchers.open(config)) {
            return "";
        } catch (LauncherConfigException e) {
            throw e;
        } catch (SlipwayException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> c = context.getRequiredTestClass();
        Optional<SlipwayDeployment> annotation = AnnotationSupport.findAnnotation(c, SlipwayDeployment.class);
        if (annotation.isPresent()) {
            Deployment d = new Deployment(declaration(annotation.get(), c), true);
            start(context, d, c, d.declaration().shared() != null, c.getSimpleName());
            context.getStore(NS).put(CLASS_DEPLOYMENT, d);
        }
        for (Field f : deployedFields(c, true)) {
            Deployment d = (Deployment) read(f, null);
            if (d == null || d.annotated()) {
                write(f, null, classDeployment(context, f));
            } else {
                // A superclass's static field serves every subclass: once per run, not once per class.
                start(context, d, c, d.declaration().shared() != null || !f.getDeclaringClass().equals(c),
                        f.getDeclaringClass().getSimpleName());
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field f : deployedFields(instance.getClass(), false)) {
                Deployment d = (Deployment) read(f, instance);
                if (d == null || d.annotated()) {
                    write(f, instance, classDeployment(context, f));
                } else {
                    start(context, d, context.getRequiredTestClass(), d.declaration().shared() != null,
                            context.getRequiredTestClass().getSimpleName());
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Deployment.class || type == LaunchResult.class && find(context).size() == 1;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        List<Deployment> found = find(context);
        if (found.size() != 1) {
            throw new ParameterResolutionException("cannot inject " + parameter.getParameter() + ": "
                    + (found.isEmpty() ? "no deployment is started for " + context.getRequiredTestClass().getName()
                            + " (declare one with @SlipwayDeployment on the class)"
                            : found.size() + " deployments are started (" + found + "); read the @Deployed fields"));
        }
        Deployment d = found.get(0);
        return parameter.getParameter().getType() == LaunchResult.class ? d.result() : d;
    }

    /** The deployment a parameter means: the class's, else the one started {@code @Deployed} field. */
    private static List<Deployment> find(ExtensionContext context) {
        Deployment cd = context.getStore(NS).get(CLASS_DEPLOYMENT, Deployment.class);
        if (cd != null) {
            return List.of(cd);
        }
        Map<Deployment, Boolean> found = new LinkedHashMap<>();
        context.getTestClass().ifPresent(c -> deployedFields(c, true).stream().map(f -> read(f, null))
                .filter(v -> v instanceof Deployment d && d.isStarted()).forEach(v -> found.put((Deployment) v, true)));
        context.getTestInstances().ifPresent(ti -> ti.getAllInstances().forEach(i -> deployedFields(i.getClass(), false)
                .stream().map(f -> read(f, i)).filter(v -> v instanceof Deployment d && d.isStarted())
                .forEach(v -> found.put((Deployment) v, true))));
        return new ArrayList<>(found.keySet());
    }

    private static Deployment classDeployment(ExtensionContext context, Field f) {
        Deployment d = context.getStore(NS).get(CLASS_DEPLOYMENT, Deployment.class);
        if (d == null) {
            throw new ExtensionConfigurationException("@Deployed field " + f + " is null, and "
                    + context.getRequiredTestClass().getName() + " has no @SlipwayDeployment to give it: "
                    + "initialise it with Deployment.of(\"spec.yaml\")..., or declare the class's deployment");
        }
        return d;
    }

    /**
     * Starts {@code d} in the scope of {@code context} (the run's, when {@code perRun}), once per scope: a shared name
     * is one deployment for every declaration of it, which must be equal.
     */
    private static void start(ExtensionContext context, Deployment d, Class<?> testClass, boolean perRun,
            String className) {
        Declaration decl = d.declaration();
        Store store = (perRun ? context.getRoot() : context).getStore(NS);
        Object key = decl.shared() != null ? "shared:" + decl.shared() : d;
        String what = decl.shared() != null ? decl.shared() : className;
        Running r = store.getOrComputeIfAbsent(key, k -> Running.start(decl, Names.next(decl.namePrefix(), what),
                testClass), Running.class);
        if (!r.declaration().equals(decl)) {
            throw new ExtensionConfigurationException("shared deployment '" + decl.shared() + "' is declared twice "
                    + "differently: " + r.declaration() + " (started), and " + decl + " in " + testClass.getName());
        }
        d.attach(r);
    }

    static Declaration declaration(SlipwayDeployment a, Class<?> c) {
        String where = "@SlipwayDeployment on " + c.getName();
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (String nv : a.inputs()) {
            Map.Entry<String, String> e = Declaration.parseInput(nv, where);
            inputs.put(e.getKey(), e.getValue());
        }
        Duration timeout;
        try {
            timeout = Durations.parse(a.timeout());
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException("bad timeout '" + a.timeout() + "' in " + where + ": "
                    + e.getMessage() + " (e.g. 90s, 5m)", e);
        }
        try {
            return new Declaration(a.spec(), a.backend(), inputs, Names.requirePrefix(a.namePrefix()), a.keep(), timeout,
                    a.shared().isEmpty() ? null : Names.requireShared(a.shared()));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage() + " (in " + where + ")", e);
        }
    }

    private static List<Field> deployedFields(Class<?> c, boolean statics) {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(c, Deployed.class,
                f -> ModifierSupport.isStatic(f) == statics, HierarchyTraversalMode.TOP_DOWN);
        for (Field f : fields) {
            if (f.getType() != Deployment.class) {
                throw new ExtensionConfigurationException("@Deployed field " + f + " is a " + f.getType().getName()
                        + ": declare it as io.slipway.junit.Deployment");
            }
        }
        return fields;
    }

    private static Object read(Field f, Object instance) {
        try {
            f.setAccessible(true);
            return f.get(instance);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("cannot read @Deployed field " + f + ": " + e.getMessage()
                    + " (on the module path, open the test's package to io.slipway.junit)", e);
        }
    }

    private static void write(Field f, Object instance, Deployment value) {
        try {
            f.setAccessible(true);
            f.set(instance, value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("cannot set @Deployed field " + f + " (a final field cannot be "
                    + "given the class's deployment): " + e.getMessage(), e);
        }
    }
}
