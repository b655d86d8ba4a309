package io.tessera.stream.deploy;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands work to a single-thread executor so that, while one item is being worked on, only the
 * newest of the items offered meanwhile is worked on next: deployments that arrive while a model
 * loads wait, and those overtaken by a newer one are never loaded.
 */
final class NewestOnly<T> {
    private final AtomicReference<T> pending = new AtomicReference<>();
    private final Executor executor;
    private final Consumer<T> work;

    /** @param executor runs one task at a time */
    NewestOnly(Executor executor, Consumer<T> work) {
        this.executor = executor;
        this.work = work;
    }

    /** @return true when {@code item} is worked on at once; false when it waits for the item being worked on */
    boolean offer(T item) {
        T before = pending.getAndSet(item);
        if (before == null) {
            executor.execute(this::runPending);
            return true;
        }
        return false;
    }

    private void runPending() {
        T item = pending.get();
        try {
            work.accept(item);
        } finally {
            if (!pending.compareAndSet(item, null)) {
                executor.execute(this::runPending); // a newer one came while this ran
            }
        }
    }
}
