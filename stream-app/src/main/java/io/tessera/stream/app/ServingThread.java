package io.tessera.stream.app;

import io.tessera.model.TileClassifier;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A model loaded on a thread of its own, which then serves it as the batcher's worker: the
 * precision self-check measures the model on the very thread that will run it, as the batch
 * shapes TensorFlow prepares on first use are.
 *
 * @param executor   the single serving thread; its owner shuts it down after the batcher
 * @param classifier the loaded model; its owner closes it last
 */
record ServingThread(ExecutorService executor, TileClassifier classifier) {

    /**
     * @throws IllegalArgumentException as {@link ClassifierFactory#load} does (a missing model, a
     *     precision that fails its check); the thread is gone then
     */
    static ServingThread load(ClassifierFactory classifiers, ModelRequest request) throws InterruptedException {
        ExecutorService serving = newExecutor();
        try {
            return new ServingThread(serving, call(serving, () -> classifiers.load(request)));
        } catch (RuntimeException | Error | InterruptedException e) {
            serving.shutdownNow();
            throw e;
        }
    }

    /** The single daemon thread a model is loaded on and then served from. */
    static ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tessera-batcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} on {@code serving} and returns its result; its exception as it was thrown. */
    static <T> T call(ExecutorService serving, Callable<T> task) throws InterruptedException {
        try {
            return serving.submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
