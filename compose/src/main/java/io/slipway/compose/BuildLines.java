package io.slipway.compose;

import io.slipway.LaunchListener;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of one {@code build} run of the Compose tool, told to progress line by line under the service being
 * built. The tool builds several services in one run and says which one it is on: docker-compose v1 (and v2 with the
 * classic builder) with a {@code Building NAME} line, BuildKit with {@code #N [NAME ...]} prefixes. A line before any
 * such mark belongs to the first service of the run.
 */
final class BuildLines implements Consumer<String> {

    private static final Pattern BUILDING = Pattern.compile("^Building (\\S+)\\s*$");
    private static final Pattern BUILDKIT_STEP = Pattern.compile("^#\\d+ \\[([^\\s\\]]+)[\\s\\]]");

    private final List<String> services;
    private final LaunchListener listener;
    private final UnaryOperator<String> mask;
    private String current;

    /**
     * @param services the services this run builds, in the order given to the tool (not empty)
     * @param listener told each line
     * @param mask masks secret values in a line
     */
    BuildLines(List<String> services, LaunchListener listener, UnaryOperator<String> mask) {
        this.services = List.copyOf(services);
        this.listener = listener;
        this.mask = mask;
        this.current = this.services.get(0);
    }

    @Override
    public synchronized void accept(String line) {
        String service = mark(BUILDING.matcher(line));
        if (service == null) {
            service = mark(BUILDKIT_STEP.matcher(line));
        }
        if (service != null) {
            current = service;
        }
        listener.building(current, mask.apply(line));
    }

    /** The service a line names, when it is one of this run's. */
    private String mark(Matcher m) {
        return m.find() && services.contains(m.group(1)) ? m.group(1) : null;
    }
}
