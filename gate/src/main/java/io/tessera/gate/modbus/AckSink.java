package io.tessera.gate.modbus;

import java.util.concurrent.CompletableFuture;

/**
 * Where the PLC's acknowledgements go. The future completes once the acknowledgement is durable
 * (the Kafka offsets after the acknowledged results are committed); it fails with
 * {@link io.tessera.gate.core.BadAcknowledgeException} for a value that acknowledges nothing.
 */
@FunctionalInterface
public interface AckSink {
    CompletableFuture<Void> acknowledge(int value);
}
