package io.tessera.stream.admission;

/** Told about every frame shed before decoding, with the reason (metrics). */
@FunctionalInterface
public interface ShedObserver {
    ShedObserver NONE = reason -> { };

    void shed(String reason);
}
