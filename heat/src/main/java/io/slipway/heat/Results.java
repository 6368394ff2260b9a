package io.slipway.heat;

import io.slipway.LaunchListener;
import io.slipway.LaunchResult;
import io.slipway.ServiceResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link LaunchResult} in a hook's terms: summary lines, failures with log tails, declared outputs; progress on the log. */
public final class Results {

    private static final Logger LOG = LoggerFactory.getLogger(Results.class);

    /** Reports each service's progress on the log (stderr), as it happens. */
    public static final LaunchListener PROGRESS = new LaunchListener() {
        @Override
        public void waiting(String service, String containerName, String condition) {
            LOG.info("  {}: waiting for {} (container {})", service, condition, containerName);
        }

        @Override
        public void finished(ServiceResult s) {
            LOG.info("  {}: {}", s.name(), s.outcome());
        }
    };

    private Results() {
    }

    /** One line per service: {@code web: SUCCEEDED [shop-web] (port 8080 open)}. */
    public static String summary(LaunchResult r) {
        StringBuilder out = new StringBuilder();
        for (ServiceResult s : r.services()) {
            out.append(s.name()).append(": ").append(s.outcome());
            if (s.containerName() != null) {
                out.append(" [").append(s.containerName()).append(']');
            }
            if (!s.reason().isEmpty()) {
                out.append(" (").append(s.reason()).append(')');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Each service that did not succeed: its reason, then its log tail. */
    public static String failures(LaunchResult r) {
        StringBuilder err = new StringBuilder();
        for (ServiceResult s : r.services()) {
            if (!s.succeeded()) {
                err.append(s.describe()).append('\n');
                if (!s.logs().isBlank()) {
                    err.append("--- ").append(s.name()).append(" logs ---\n").append(s.logs().stripTrailing()).append('\n');
                }
            }
        }
        return err.toString();
    }

    /** The values of the outputs {@code item} declares, taken by name from the result's outputs. */
    public static Map<String, Object> declaredOutputs(HookItem item, LaunchResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (HookOutput o : item.outputs()) {
            if (r.outputs().containsKey(o.name())) {
                out.put(o.name(), r.outputs().get(o.name()));
            } else if (!HookResponse.DEPLOY_KEYS.contains(o.name())) {
                LOG.debug("Output '{}' is declared by the deployment but not provided by the spec", o.name());
            }
        }
        return out;
    }

    /** {@code a} and {@code b} joined by one newline, either may be empty. */
    public static String join(String a, String b) {
        if (a.isBlank()) {
            return b;
        }
        return b.isEmpty() ? a : a.stripTrailing() + "\n" + b;
    }
}
