package io.slipway.atomic;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.slipway.Outcome;
import io.slipway.ServiceResult;
import io.slipway.engine.Labels;
import io.slipway.spec.ServiceSpec;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An install-only service ({@code x-slipway.atomic.run: false}): what {@code atomic install} does, and no more.
 * The image's INSTALL label runs (once per change of its command, as for any service) and is the service's
 * outcome: SUCCEEDED when it exited 0; FAILED with its exit code, reason and output tail otherwise (TIMED_OUT when
 * it did not finish within {@code command-timeout}). Nothing is run or waited for, so the result names no container.
 * A container NAME that an earlier apply ran is stopped (STOP label) and removed: the spec no longer runs the
 * service. An image without an INSTALL label succeeds with a note saying so, as {@code atomic install} exits 0
 * having nothing to run (Atomic/install.py: {@code if not install_args: return 0}).
 */
final class InstallOnly {

    private static final Logger LOG = LoggerFactory.getLogger(InstallOnly.class);
    /** The same bounds as the log tail of a container's result (ContainerWatch). */
    private static final int TAIL_LINES = 50;
    private static final int TAIL_CHARS = 8192;
    private static final String NOT_RUN = "install only (x-slipway.atomic.run: false): the service is not run";

    private final ServiceLaunch launch;
    private final AtomicApply run;
    private final ServiceSpec service;
    private final String name;

    InstallOnly(ServiceLaunch launch, AtomicApply run, ServiceSpec service, String name) {
        this.launch = launch;
        this.run = run;
        this.service = service;
        this.name = name;
    }

    ServiceResult run(AtomicApply.Prepared p, Substitution sub, ServiceRecord rec) throws InterruptedException {
        boolean changed = removeRunContainer(sub, rec);
        rec = run.records.get(service.name());
        if (p.labels().install() == null) {
            String note = "image '" + service.imageFor(run.deployment) + "' has no INSTALL label: nothing to install (atomic install "
                    + "does nothing then and exits 0); " + NOT_RUN;
            run.tool.note(service.name(), note);
            return result(Outcome.SUCCEEDED, null, note, "", changed);
        }
        CommandResult r = launch.install(p, sub, rec);
        if (r == null) {
            return result(Outcome.SUCCEEDED, null, "INSTALL ran already with this command; " + NOT_RUN, "", changed);
        }
        String logs = tail(r.stdout() + r.stderr());
        if (r.ok()) {
            return result(Outcome.SUCCEEDED, 0, "the INSTALL label command exited with code 0; " + NOT_RUN, logs, true);
        }
        boolean unfinished = r.exitCode() == CommandResult.NOT_FINISHED;
        return result(unfinished ? Outcome.TIMED_OUT : Outcome.FAILED, unfinished ? null : r.exitCode(),
                LabelArgv.failed("the INSTALL label command", r), logs, true);
    }

    /**
     * Stops and removes container NAME when this deployment ran it (the record has its run command, or it carries
     * the deployment's label), and forgets the run command; true when a container was removed. A container of that
     * name that is not the deployment's is left alone.
     */
    private boolean removeRunContainer(Substitution sub, ServiceRecord rec) throws InterruptedException {
        InspectContainerResponse c = ServiceRemoval.inspect(run.docker, name);
        Map<String, String> labels = c == null || c.getConfig() == null ? null : c.getConfig().getLabels();
        boolean ours = c != null && (rec.runHash() != null
                || (labels != null && run.deployment.equals(labels.get(Labels.DEPLOYMENT))));
        if (ours) {
            LOG.info("Removing container {} of service '{}': the service is install only now (x-slipway.atomic.run: false)",
                    name, service.name());
            run.removal.stopAndRemove(service.name(), c, sub);
        } else if (c != null) {
            LOG.warn("Service '{}' is install only; container {} is not this deployment's and is left alone", service.name(),
                    name);
        }
        if (rec.runHash() != null) {
            ServiceRecord forgotten = rec.withRun(null, null);
            forgotten.save(run.docker);
            run.records.put(service.name(), forgotten);
        }
        return ours;
    }

    private ServiceResult result(Outcome outcome, Integer exitCode, String reason, String logs, boolean changed) {
        return new ServiceResult(service.name(), outcome, null, null, exitCode, run.spec.variables().mask(reason),
                run.spec.variables().mask(logs), launch.elapsed(), changed);
    }

    /** The last {@value #TAIL_LINES} lines, at most {@value #TAIL_CHARS} characters. */
    static String tail(String text) {
        List<String> lines = text.lines().toList();
        String last = String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        return last.length() > TAIL_CHARS ? last.substring(last.length() - TAIL_CHARS) : last;
    }
}
