package io.tessera.stream.topology;

import io.tessera.stream.batch.BatcherClosedException;
import io.tessera.stream.metrics.InspectionMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' error handlers, set so that a record that cannot be read, processed or written
 * is routed to the dead-letter topic with a reason instead of being dropped or stopping the
 * pipeline. The topic, metrics and clock come in through the Streams configuration
 * ({@link #DLQ_TOPIC}, {@link #METRICS}, {@link #CLOCK}).
 */
public final class DeadLetterHandlers {
    public static final String DLQ_TOPIC = "tessera.dlq.topic";
    public static final String METRICS = "tessera.inspect.metrics";
    public static final String CLOCK = "tessera.inspect.clock";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

    private DeadLetterHandlers() {
    }

    /** What every handler needs: where dead letters go, and what to count them with. */
    private static final class Target {
        private String topic;
        private InspectionMetrics metrics;
        private Clock clock = Clock.systemUTC();

        void configure(Map<String, ?> configs) {
            Object t = configs.get(DLQ_TOPIC);
            if (!(t instanceof String name) || name.isBlank()) {
                throw new IllegalStateException(DLQ_TOPIC + " is not set: the topology sets it");
            }
            topic = name;
            if (configs.get(METRICS) instanceof InspectionMetrics m) {
                metrics = m;
            }
            if (configs.get(CLOCK) instanceof Clock c) {
                clock = c;
            }
        }

        ProducerRecord<byte[], byte[]> record(ErrorHandlerContext ctx, byte[] key, byte[] value, Headers headers,
                String reason, Exception e) {
            LOG.error("record {}-{}@{} dead-lettered ({}): {}", ctx.topic(), ctx.partition(), ctx.offset(), reason, e.toString(), e);
            if (metrics != null) {
                metrics.deadLetter(reason);
            }
            Headers dlq = DeadLetters.headers(headers, reason, e.toString(), clock.instant(), ctx.topic(), ctx.partition(),
                    ctx.offset());
            return new ProducerRecord<>(topic, null, ctx.timestamp() < 0 ? null : ctx.timestamp(), key, value, dlq);
        }
    }

    /** A frame record whose key or value cannot be deserialised: dead-lettered as it came. */
    public static final class Deserialization implements DeserializationExceptionHandler {
        private final Target target = new Target();

        @Override
        public void configure(Map<String, ?> configs) {
            target.configure(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext ctx, ConsumerRecord<byte[], byte[]> record, Exception e) {
            return Response.resume(List.of(target.record(ctx, record.key(), record.value(), record.headers(),
                    "deserialization-failed", e)));
        }
    }

    /**
     * An exception that escaped the inspection processor (a bug or an unforeseen input): the
     * frame is dead-lettered and the pipeline goes on. A batcher closed at shutdown is not the
     * frame's fault: processing fails and the frame is processed again after a restart.
     */
    public static final class Processing implements ProcessingExceptionHandler {
        private final Target target = new Target();

        @Override
        public void configure(Map<String, ?> configs) {
            target.configure(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext ctx, Record<?, ?> record, Exception e) {
            if (e instanceof BatcherClosedException || e.getCause() instanceof BatcherClosedException) {
                return Response.fail();
            }
            return Response.resume(List.of(target.record(ctx, ctx.sourceRawKey(), ctx.sourceRawValue(), ctx.headers(),
                    "processing-error", e)));
        }
    }

    /**
     * A verdict, alert or dead letter the producer refused. The source frame is dead-lettered
     * with the reason; a dead letter too large for the broker is written without its bytes,
     * keeping its headers and reason, so it is still accounted for.
     */
    public static final class Production implements ProductionExceptionHandler {
        private final Target target = new Target();

        @Override
        public void configure(Map<String, ?> configs) {
            target.configure(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext ctx, ProducerRecord<byte[], byte[]> record, Exception e) {
            if (e instanceof RetriableException) {
                // A broker outage or a leader change: RESUME would drop the verdict for good
                // (at-least-once has no transaction to abort). Streams retries until task.timeout.ms.
                return Response.retry();
            }
            return Response.resume(List.of(deadLetter(ctx, record, e, "production-failed")));
        }

        @Override
        @SuppressWarnings("rawtypes") // the interface's signature
        public Response handleSerializationError(ErrorHandlerContext ctx, ProducerRecord record, Exception e,
                SerializationExceptionOrigin origin) {
            return Response.resume(List.of(deadLetter(ctx, null, e, "serialization-failed")));
        }

        private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext ctx, ProducerRecord<byte[], byte[]> failed,
                Exception e, String reason) {
            boolean failedDeadLetter = failed != null && target.topic.equals(failed.topic());
            byte[] value = failedDeadLetter && e instanceof RecordTooLargeException ? null : ctx.sourceRawValue();
            String why = failedDeadLetter ? "dead-letter-failed" : reason;
            return target.record(ctx, ctx.sourceRawKey(), value, ctx.headers(), why, e);
        }
    }
}
