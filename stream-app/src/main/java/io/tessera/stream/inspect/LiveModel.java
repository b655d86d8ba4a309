package io.tessera.stream.inspect;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model the app serves now, swapped without a restart. A frame leases the current model when
 * its inspection starts and returns it when its verdict is made; a swap makes new frames lease the
 * new model at once, while frames already under way finish on the old one, which is closed when the
 * last of them returns it. No frame waits for a swap and none is scored by two models.
 * Thread-safe.
 */
public final class LiveModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveModel.class);

    /** A frame's hold on one model. */
    public final class Lease implements AutoCloseable {
        private final ServingModel model;
        private boolean returned;

        private Lease(ServingModel model) {
            this.model = model;
        }

        public ServingModel model() {
            return model;
        }

        @Override
        public void close() {
            release(this);
        }
    }

    private final Map<ServingModel, Integer> leases = new IdentityHashMap<>();
    private final List<ServingModel> retired = new ArrayList<>();
    private final List<Consumer<ServingModel>> listeners = new CopyOnWriteArrayList<>();
    private ServingModel current;
    private boolean closed;

    public LiveModel(ServingModel first) {
        this.current = first;
    }

    public synchronized ServingModel current() {
        return current;
    }

    public synchronized Lease acquire() {
        if (closed) {
            throw new IllegalStateException("the app is stopping: no model is served");
        }
        leases.merge(current, 1, Integer::sum);
        return new Lease(current);
    }

    /** Called with each new current model, after the swap. */
    public void onSwap(Consumer<ServingModel> listener) {
        listeners.add(listener);
    }

    /** From now on frames lease {@code next}; the old model closes once no frame holds it. */
    public void swap(ServingModel next) {
        ServingModel old;
        boolean closeOld;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the app is stopping");
            }
            old = current;
            current = next;
            closeOld = !leases.containsKey(old);
            if (!closeOld) {
                retired.add(old);
            }
        }
        LOG.info("now serving {}; {} {}", next, old, closeOld ? "closed" : "closes when its frames are done");
        if (closeOld) {
            closeQuietly(old);
        }
        listeners.forEach(l -> l.accept(next));
    }

    private void release(Lease lease) {
        ServingModel toClose = null;
        synchronized (this) {
            if (lease.returned) {
                return;
            }
            lease.returned = true;
            int left = leases.merge(lease.model, -1, Integer::sum);
            if (left <= 0) {
                leases.remove(lease.model);
                if (retired.remove(lease.model)) {
                    toClose = lease.model;
                }
            }
        }
        if (toClose != null) {
            LOG.info("closing {}: its last frame is done", toClose);
            closeQuietly(toClose);
        }
    }

    private static void closeQuietly(ServingModel model) {
        try {
            model.classifier().close();
        } catch (RuntimeException e) {
            LOG.warn("closing {} failed: {}", model, e.toString());
        }
    }

    /** Closes every model; frames still holding one get errors from it, as from any closed model. */
    @Override
    public void close() {
        List<ServingModel> all = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all.add(current);
            all.addAll(retired);
            retired.clear();
        }
        all.forEach(LiveModel::closeQuietly);
    }
}
