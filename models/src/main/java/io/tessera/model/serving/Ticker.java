package io.tessera.model.serving;

/** A nanosecond clock for measuring durations; tests pass one they advance themselves. */
@FunctionalInterface
public interface Ticker {
    Ticker SYSTEM = System::nanoTime;

    long nanoTime();
}
