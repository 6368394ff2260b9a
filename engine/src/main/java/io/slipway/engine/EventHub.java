package io.slipway.engine;

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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
    private final Map<String, List<Consumer<Event>>> listeners = new ConcurrentHashMap<>();
    /** Re-subscribes after the stream broke (the engine restarted, a proxy dropped it). */
    private static final ScheduledExecutorService RESUBSCRIBE = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slipway-events-resubscribe");
        t.setDaemon(true);
        return t;
    });
    private static final long RESUBSCRIBE_MILLIS = 1000;

    private final DockerClient streams;
    private final Map<String, String> labels;
    private volatile ResultCallback.Adapter<Event> subscription;
    private volatile boolean closed;

    EventHub(DockerClient streams, Map<String, String> labels) {
        this.streams = streams;
        this.labels = labels;
        subscribe(true);
    }

    /**
     * Subscribes to the events; when the stream breaks while the hub is open, again a second later, and on until
     * closed. Waits meanwhile fall back to inspection, so a reconnected stream goes on from the containers' real state.
     */
    private void subscribe(boolean first) {
        if (closed) {
            return;
        }
        String what = labels.toString();
        ResultCallback.Adapter<Event> s = streams.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(labels)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event e) {
                        LOG.trace("event {} {}", e.getAction(), e.getId());
                        if (e.getId() == null) {
                            return;
                        }
                        // Listeners first: they take what the event itself says (exit code, health) before a
                        // waiter woken below evaluates.
                        List<Consumer<Event>> l = listeners.get(e.getId());
                        if (l != null) {
                            l.forEach(c -> c.accept(e));
                        }
                        Waiter w = waiters.get(e.getId());
                        if (w != null && ContainerWatch.stateWord(e) != null) {
                            w.signal();
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        // Waiters fall back to inspection at their interval; nothing is lost but latency.
                        LOG.debug("Event stream for {} ended: {}", what, t.toString());
                        resubscribeLater();
                    }

                    @Override
                    public void onComplete() {
                        super.onComplete();
                        resubscribeLater();
                    }
                });
        subscription = s;
        if (!first) {
            LOG.debug("Event stream for {} subscribed again", what);
            return;
        }
        try {
            // Subscribe before anything starts, so that no event of this apply is missed.
            if (!s.awaitStarted(5, TimeUnit.SECONDS)) {
                LOG.debug("Event stream for {} not confirmed within 5 s; relying on inspection", what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void resubscribeLater() {
        if (closed) {
            return;
        }
        RESUBSCRIBE.schedule(() -> {
            try {
                subscribe(false);
            } catch (RuntimeException e) {
                LOG.debug("Event stream for {} not subscribed again yet: {}", labels, DockerEngine.rootMessage(e));
                resubscribeLater();
            }
        }, RESUBSCRIBE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The waiter woken by events of {@code containerId} (one per container, shared by everyone waiting on it). */
    Waiter waiterFor(String containerId) {
        return waiters.computeIfAbsent(containerId, id -> new Waiter());
    }

    /**
     * Runs {@code onEvent} for every event of {@code containerId} until the returned handle is run. It runs on
     * the stream's thread, so it must not block.
     */
    Runnable listen(String containerId, Consumer<Event> onEvent) {
        listeners.compute(containerId, (k, l) -> {
            List<Consumer<Event>> list = l == null ? new CopyOnWriteArrayList<>() : l;
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
        closed = true;
        try {
            subscription.close();
        } catch (IOException e) {
            LOG.debug("Closing event stream failed", e);
        }
    }
}
