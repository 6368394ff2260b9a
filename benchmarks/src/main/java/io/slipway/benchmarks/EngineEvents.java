package io.slipway.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The harness's own subscription to the engine's container events: every competitor is timed against the
 * engine's {@code timeNano}, and what a re-apply touched is counted from here, not from what a tool says.
 */
final class EngineEvents implements AutoCloseable {

    /** Actions that change a container: a re-apply that leaves things alone produces none of them. */
    static final Set<String> TOUCHING = Set.of("create", "start", "restart", "stop", "kill", "die", "destroy",
            "rename", "update", "pause", "unpause", "oom");

    /**
     * One event as the engine reported it.
     *
     * @param id the container's id
     * @param action e.g. {@code die}, {@code health_status: healthy}
     * @param timeNano the engine's timestamp, nanoseconds since the epoch
     * @param attributes the actor's attributes (the container's labels, name, image)
     */
    record Seen(String id, String action, long timeNano, Map<String, String> attributes) {
        /** The value of a label (or another attribute), or null. */
        String attribute(String key) {
            return attributes.get(key);
        }
    }

    private final List<Seen> seen = new ArrayList<>();
    private final ResultCallback.Adapter<Event> subscription;

    EngineEvents(DockerClient streams) {
        subscription = streams.eventsCmd().withEventTypeFilter(EventType.CONTAINER).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event e) {
                if (e.getId() == null || e.getTimeNano() == null) {
                    return;
                }
                Map<String, String> attrs = e.getActor() == null || e.getActor().getAttributes() == null ? Map.of()
                        : Map.copyOf(e.getActor().getAttributes());
                String action = e.getAction() != null ? e.getAction() : e.getStatus();
                synchronized (seen) {
                    seen.add(new Seen(e.getId(), action == null ? "" : action, e.getTimeNano(), attrs));
                    seen.notifyAll();
                }
            }
        });
        try {
            if (!subscription.awaitStarted(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the engine's event stream did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The first event of container {@code id} whose action matches, waiting for it at most {@code timeout}
     * (the stream may deliver it after the competitor returned).
     *
     * @return the event, or null when none came
     */
    Seen await(String id, Predicate<String> action, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (seen) {
            while (true) {
                for (Seen s : seen) {
                    if (s.id().equals(id) && action.test(s.action())) {
                        return s;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                seen.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Events with {@code fromNano <= timeNano <= toNano} that match {@code filter}. */
    List<Seen> between(long fromNano, long toNano, Predicate<Seen> filter) {
        List<Seen> out = new ArrayList<>();
        synchronized (seen) {
            for (Seen s : seen) {
                if (s.timeNano() >= fromNano && s.timeNano() <= toNano && filter.test(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** Forgets what was seen so far (between scenarios, to keep the list short). */
    void clear() {
        synchronized (seen) {
            seen.clear();
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (IOException e) {
            // the stream is gone either way
        }
    }
}
