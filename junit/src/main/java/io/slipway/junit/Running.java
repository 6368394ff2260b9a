package io.slipway.junit;

import io.slipway.ContainerLauncher;
import io.slipway.LaunchResult;
import io.slipway.Launchers;
import io.slipway.ServiceResult;
import io.slipway.SlipwayException;
import io.slipway.inputs.Inputs;
import io.slipway.spec.LaunchSpec;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started deployment, held in a JUnit store for its scope: closing it (JUnit closes {@link AutoCloseable} store
 * values when their scope ends, whether the tests passed or not) deletes the deployment, unless it is kept.
 */
final class Running implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Running.class);
    /** {@code -Dslipway.keep=true} keeps every deployment the extension starts. */
    static final String KEEP_PROPERTY = "slipway.keep";

    private final Declaration declaration;
    private final String name;
    private final String config;
    private final ContainerLauncher launcher;
    private final LaunchSpec spec;
    private final Inputs inputs;
    private final LaunchResult result;
    private final boolean keep;
    private final HostPorts ports;
    private volatile boolean closed;

    private Running(Declaration declaration, String name, String config, ContainerLauncher launcher, LaunchSpec spec,
            Inputs inputs, LaunchResult result, boolean keep) {
        this.declaration = declaration;
        this.name = name;
        this.config = config;
        this.launcher = launcher;
        this.spec = spec;
        this.inputs = inputs;
        this.result = result;
        this.keep = keep;
        this.ports = new HostPorts(config);
    }

    /** The config string {@code declaration} runs on: its own, else Slipway's default rule, else docker-run. */
    static String config(Declaration declaration) {
        return Launchers.chooseConfig(System.getenv(), System.getProperties(), declaration.backend())
                .orElse(Launchers.DEFAULT_BACKEND);
    }

    static boolean keep(Declaration declaration) {
        return declaration.keep() || Boolean.getBoolean(KEEP_PROPERTY);
    }

    /**
     * Applies {@code declaration} as {@code name} and waits for it.
     *
     * @throws DeploymentFailedException when a service did not succeed, with the per-service diagnosis and log tails
     * @throws SlipwayException when the backend cannot be opened, the apply fails or takes longer than the timeout
     */
    static Running start(Declaration declaration, String name, Class<?> testClass) {
        String config = config(declaration);
        boolean keep = keep(declaration);
        LaunchSpec spec = SpecSource.load(declaration.spec(), testClass);
        Inputs.Builder b = Inputs.builder();
        declaration.inputs().forEach(b::put);
        Inputs inputs = b.build();
        ContainerLauncher launcher = Launchers.open(config);
        LaunchResult result;
        try {
            LOG.info("Applying deployment '{}' ({}) for {}", name, declaration, testClass.getName());
            result = apply(launcher, name, spec, inputs, declaration.timeout());
        } catch (RuntimeException e) {
            cleanUp(launcher, name, keep);
            throw e;
        }
        if (!result.succeeded()) {
            cleanUp(launcher, name, keep);
            throw new DeploymentFailedException(result, keep);
        }
        return new Running(declaration, name, config, launcher, spec, inputs, result, keep);
    }

    private static LaunchResult apply(ContainerLauncher launcher, String name, LaunchSpec spec, Inputs inputs,
            Duration timeout) {
        ExecutorService one = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "slipway-junit-apply-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            Future<LaunchResult> f = one.submit(() -> launcher.apply(name, spec, inputs));
            try {
                return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new SlipwayException("deployment '" + name + "' did not finish applying within " + timeout
                        + " (the extension's timeout; the spec's own waits did not end it first)");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new SlipwayException("applying deployment '" + name + "' failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw new SlipwayException("interrupted while applying deployment '" + name + "'", e);
            }
        } finally {
            one.shutdownNow();
        }
    }

    private static void cleanUp(ContainerLauncher launcher, String name, boolean keep) {
        try {
            if (keep) {
                LOG.warn("Keeping failed deployment '{}' (keep is set): delete it with `slipway delete {} -b {}`", name,
                        name, launcher.backend());
            } else {
                launcher.delete(name);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not delete deployment '{}' after its apply failed: {}", name, e.getMessage());
        } finally {
            launcher.close();
        }
    }

    Declaration declaration() {
        return declaration;
    }

    String name() {
        return name;
    }

    String config() {
        return config;
    }

    LaunchResult result() {
        return result;
    }

    boolean closed() {
        return closed;
    }

    int hostPort(ServiceResult service, int containerPort) {
        return ports.hostPort(name, service, containerPort, () -> spec.resolve(inputs));
    }

    /** Deletes the deployment (unless kept) and releases the launcher; once only. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            if (keep) {
                LOG.info("Keeping deployment '{}' (keep is set): delete it with `slipway delete {} -b {}`", name, name,
                        Declaration.backendName(config));
            } else {
                int removed = launcher.delete(name);
                LOG.info("Deleted deployment '{}' ({} containers)", name, removed);
            }
        } finally {
            ports.close();
            launcher.close();
        }
    }
}
