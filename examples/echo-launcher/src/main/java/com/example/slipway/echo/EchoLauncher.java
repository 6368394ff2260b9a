package com.example.slipway.echo;

import io.slipway.DeploymentNames;
import io.slipway.DeploymentStatus;
import io.slipway.DeploymentStatus.ServiceStatus;
import io.slipway.LaunchListener;
import io.slipway.LauncherConfigException;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.SlipwayException;
import io.slipway.inputs.Variables;
import io.slipway.spec.LaunchSpec;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import io.slipway.spi.AbstractLauncher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;

/**
 * The launcher of the {@code echo} backend: it starts nothing. It extends {@link AbstractLauncher}, whose final
 * {@code apply} does what every backend must do first: check the deployment name, then {@link LaunchSpec#resolve
 * resolve} the spec with the inputs, so a missing, mistyped or unknown input fails exactly as on a real backend,
 * before anything starts. Its own step, {@link #launch}, reports each service as SUCCEEDED, with the environment it
 * would have passed (secrets masked) as its log, except the {@code fail-service}, which is FAILED with exit code 3.
 * It tells the {@link LaunchListener} as it goes, as a backend that waits for long should; the base guards it and
 * reads the declared outputs from the results.
 *
 * <p>Like every backend it masks secrets in what it shows, through {@link Variables#mask}; the base masks the
 * result again, so a secret forgotten here would still not leak. {@code EchoLauncherTest} runs the engine-free
 * contract of {@code slipway-tck} on it.
 */
public final class EchoLauncher extends AbstractLauncher {

    /** The exit code reported for the {@code fail-service}. */
    public static final int FAIL_EXIT_CODE = 3;

    private final String failService;
    private final Duration delay;
    private final ConcurrentMap<String, List<ServiceStatus>> deployments;
    private volatile boolean closed;

    EchoLauncher(String failService, Duration delay, ConcurrentMap<String, List<ServiceStatus>> deployments) {
        this.failService = failService;
        this.delay = Objects.requireNonNull(delay, "delay");
        this.deployments = deployments;
    }

    @Override
    public String backend() {
        return EchoLauncherProvider.NAME;
    }

    /**
     * Reports every service as SUCCEEDED (the {@code fail-service} as FAILED), telling {@code listener} when each is
     * "waited for" and done. {@link AbstractLauncher} has checked the name and resolved the spec already.
     */
    @Override
    protected Applied launch(ResolvedDeployment d, LaunchListener listener) {
        checkOpen();
        String deployment = d.name();
        ResolvedSpec resolved = d.resolved();
        long start = System.nanoTime();
        Variables variables = resolved.variables();
        if (failService != null && resolved.service(failService) == null) {
            throw new LauncherConfigException("fail-service '" + failService + "' is not a service of "
                    + d.spec().source() + "; its services: " + String.join(", ", d.spec().serviceNames()));
        }
        for (ServiceSpec service : resolved.services()) {
            listener.waiting(service.name(), deployment + "-" + service.name(), service.waitCondition().describe());
        }
        pause();

        List<ServiceStatus> before = deployments.getOrDefault(deployment, List.of());
        List<ServiceResult> results = new ArrayList<>();
        List<ServiceStatus> after = new ArrayList<>();
        for (ServiceSpec service : resolved.services()) {
            String id = "echo-" + deployment + "-" + service.name();
            String name = deployment + "-" + service.name();
            String hash = configHash(service);
            boolean changed = before.stream()
                    .noneMatch(s -> s.service().equals(service.name()) && hash.equals(s.configHash()));
            boolean fail = service.name().equals(failService);
            StringBuilder logs = new StringBuilder("echo: image ").append(variables.mask(service.imageFor(deployment)))
                    .append(", nothing launched\n");
            service.environment().forEach((k, v) -> logs.append(k).append('=').append(variables.mask(v)).append('\n'));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            ServiceResult result;
            if (fail) {
                logs.append("echo: failing on request (fail-service=").append(failService).append(")\n");
                result = new ServiceResult(service.name(), Outcome.FAILED, id, name, FAIL_EXIT_CODE,
                        "failed on request", logs.toString(), took, changed);
            } else {
                result = new ServiceResult(service.name(), Outcome.SUCCEEDED, id, name, service.oneshot() ? 0 : null,
                        "echoed: " + service.waitCondition().describe(), logs.toString(), took, changed);
            }
            results.add(result);
            listener.finished(result);
            boolean exited = fail || service.oneshot();
            after.add(new ServiceStatus(service.name(), id, name, exited ? "exited" : "running", result.exitCode(),
                    null, hash));
        }
        deployments.put(deployment, List.copyOf(after));
        return Applied.of(results);
    }

    @Override
    public DeploymentStatus status(String deployment) {
        checkOpen();
        DeploymentNames.requireValid(deployment);
        return new DeploymentStatus(deployment, backend(), deployments.getOrDefault(deployment, List.of()));
    }

    @Override
    public int delete(String deployment) {
        checkOpen();
        DeploymentNames.requireValid(deployment);
        List<ServiceStatus> removed = deployments.remove(deployment);
        return removed == null ? 0 : removed.size();
    }

    @Override
    public void close() {
        closed = true;
    }

    /** A digest of what a real backend would create the container from, so an unchanged apply reports changed=false. */
    private static String configHash(ServiceSpec s) {
        String text = String.join("\u0000", String.valueOf(s.image()), String.valueOf(s.build()), String.valueOf(s.command()),
                String.valueOf(s.entrypoint()),
                String.valueOf(s.environment()), String.valueOf(s.networking().ports()), String.valueOf(s.volumes()),
                String.valueOf(s.oneshot()), s.waitCondition().describe());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private void pause() {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException("echo: interrupted during delay " + delay, e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this echo launcher is closed");
        }
    }
}
