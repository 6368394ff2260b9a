package io.slipway.atomic;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.ServiceResult;
import io.slipway.engine.DockerEngine;
import io.slipway.engine.FailedApplyCleanup;
import io.slipway.engine.ImageBuilder;
import io.slipway.engine.Labels;
import io.slipway.engine.SecretFiles;
import io.slipway.spec.ResolvedSpec;
import io.slipway.spec.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code on-failure=remove} on atomic, with docker-run's meaning: once the results are in, each failed service's
 * containers go (forced: one that timed out may still run), with its secret copies, its record unless an INSTALL
 * label ran (delete still runs UNINSTALL then), and the image it built under Slipway's tag unless a service that
 * succeeded runs it; then the networks and volumes the apply created that nothing uses
 * ({@link FailedApplyCleanup}; service records are bookkeeping, never removed there).
 */
final class FailedServices {

    private static final Logger LOG = LoggerFactory.getLogger(FailedServices.class);

    private final DockerClient docker;
    private final String deployment;
    private final SecretFiles secretFiles;
    private final FailedApplyCleanup created;

    /** Notes what the deployment owns before the apply; call before it starts. */
    FailedServices(DockerClient docker, String deployment, SecretFiles secretFiles) {
        this.docker = docker;
        this.deployment = deployment;
        this.secretFiles = secretFiles;
        this.created = new FailedApplyCleanup(docker, Map.of(Labels.DEPLOYMENT, deployment,
                Labels.BACKEND, AtomicProvider.NAME), ServiceRecord.RECORD);
    }

    /** Removes what the failed services of {@code results} left, and what the apply created that nothing uses. */
    void remove(ResolvedSpec spec, List<ServiceResult> results) {
        try {
            Set<String> inUse = results.stream().filter(ServiceResult::succeeded).map(r -> spec.service(r.name()))
                    .filter(s -> s != null).map(s -> s.imageFor(deployment)).collect(Collectors.toSet());
            Map<String, ServiceRecord> records = ServiceRecord.list(docker, deployment).stream()
                    .collect(Collectors.toMap(ServiceRecord::service, r -> r, (a, b) -> a));
            for (ServiceResult r : results) {
                if (r.succeeded()) {
                    continue;
                }
                (r.replicas().isEmpty() ? List.of(r) : r.replicas()).stream().map(ServiceResult::containerId).filter(id -> id != null)
                        .forEach(this::removeContainer);
                secretFiles.removeService(deployment, r.name());
                ServiceRecord rec = records.get(r.name());
                if (rec != null && rec.installed() == null) {
                    ServiceRecord.remove(docker, deployment, r.name());
                }
                ServiceSpec s = spec.service(r.name());
                if (s != null && s.build() != null && s.defaultTag() && !inUse.contains(s.imageFor(deployment))) {
                    ImageBuilder.removeTag(docker, s.imageFor(deployment));
                }
            }
        } catch (RuntimeException e) {
            // The engine stopped answering: delete removes what is left.
            LOG.warn("Could not remove the failed services of '{}': {}", deployment, DockerEngine.rootMessage(e));
        }
        created.removeCreated();
    }

    private void removeContainer(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            LOG.debug("Removed failed container {} of '{}'", id, deployment);
        } catch (NotFoundException e) {
            // gone already (a RUN label's --rm)
        }
    }
}
