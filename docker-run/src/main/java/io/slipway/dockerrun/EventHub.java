package io.slipway.dockerrun;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.slipway.wait.Waiter;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription to the engine's event stream, filtered to a deployment's containers, that wakes the
 * {@link Waiter} of the container an event is about (and the listeners of {@link EventDrivenWait}s): success
 * is seen when the engine reports it, not at the next poll.
 */
final class EventHub implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final Map<String, Waiter> waiters = new ConcurrentHashMap<>();
    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();
    private final ResultCallback.Adapter<Event> subscription;

    EventHub(DockerClient streams, Map<String, String> labels) {
        String what = labels.toString();
        subscription = streams.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(labels)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event e) {
                        LOG.trace("event {} {}", e.getAction(), e.getId());
                        Waiter w = e.getId() == null ? null : waiters.get(e.getId());
                        if (w != null) {
                            w.signal();
                        }
                        List<Runnable> l = e.getId() == null ? null : listeners.get(e.getId());
                        if (l != null) {
                            l.forEach(Runnable::run);
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        // Waiters fall back to inspection at their interval; nothing is lost but latency.
                        LOG.debug("Event stream for {} ended: {}", what, t.toString());
                    }
                });
        try {
            // Subscribe before anything starts, so that no event of this apply is missed.
            if (!subscription.awaitStarted(5, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.debug("Event stream for {} not confirmed within 5 s; relying on inspection", what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The waiter woken by events of {@code containerId} (one per container, shared by everyone waiting on it). */
    Waiter waiterFor(String containerId) {
        return waiters.computeIfAbsent(containerId, id -> new Waiter());
    }

    /**
     * Runs {@code onEvent} for every event of {@code containerId} until the returned handle is run. It runs on
     * the stream's thread, so it must not block.
     */
    Runnable listen(String containerId, Runnable onEvent) {
        listeners.compute(containerId, (k, l) -> {
            List<Runnable> list = l == null ? new CopyOnWriteArrayList<>() : l;
            list.add(onEvent);
            return list;
        });
        return () -> listeners.computeIfPresent(containerId, (k, l) -> {
            l.remove(onEvent);
            return l.isEmpty() ? null : l;
        });
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (IOException e) {
            LOG.debug("Closing event stream failed", e);
        }
    }
}
