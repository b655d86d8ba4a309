package io.tessera.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.protocol.FrameHeaders;
import io.tessera.stream.batch.BatcherClosedException;
import io.tessera.stream.metrics.InspectionMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** Streams' error handlers route to the dead-letter topic with a reason instead of dropping or stopping. */
class DeadLetterHandlersTest {
    private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, Object> configs = Map.of(DeadLetterHandlers.DLQ_TOPIC, "frames.dlq",
            DeadLetterHandlers.METRICS, new InspectionMetrics(registry), DeadLetterHandlers.CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
    private final byte[] key = "cam-1".getBytes(StandardCharsets.UTF_8);
    private final byte[] value = {1, 2, 3};
    private final Headers headers = new RecordHeaders().add(FrameHeaders.LINE_ID, "line-a".getBytes(StandardCharsets.UTF_8));

    private final ErrorHandlerContext context = new ErrorHandlerContext() {
        public String topic() {
            return "frames";
        }

        public int partition() {
            return 2;
        }

        public long offset() {
            return 41;
        }

        public Headers headers() {
            return headers;
        }

        public String processorNodeId() {
            return "inspect";
        }

        public TaskId taskId() {
            return new TaskId(0, 2);
        }

        public long timestamp() {
            return NOW.toEpochMilli();
        }

        public byte[] sourceRawKey() {
            return key;
        }

        public byte[] sourceRawValue() {
            return value;
        }
    };

    private static String text(Headers h, String name) {
        return new String(h.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private double dlq(String reason) {
        return registry.find("tessera.inspect.dlq").tag("reason", reason).counter().count();
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAsItCame() {
        DeadLetterHandlers.Deserialization handler = new DeadLetterHandlers.Deserialization();
        handler.configure(configs);
        DeserializationExceptionHandler.Response r = handler.handleError(context,
                new ConsumerRecord<>("frames", 2, 41, NOW.toEpochMilli(), TimestampType.CREATE_TIME,
                        key.length, value.length, key, value, headers, Optional.empty()),
                new SerializationException("bad"));
        assertThat(r.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> letter = r.deadLetterQueueRecords().get(0);
        assertThat(letter.topic()).isEqualTo("frames.dlq");
        assertThat(letter.key()).isEqualTo(key);
        assertThat(letter.value()).isEqualTo(value);
        assertThat(text(letter.headers(), FrameHeaders.DLQ_REASON)).isEqualTo("deserialization-failed");
        assertThat(text(letter.headers(), FrameHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("41");
        assertThat(text(letter.headers(), FrameHeaders.LINE_ID)).isEqualTo("line-a");
        assertThat(dlq("deserialization-failed")).isEqualTo(1);
    }

    @Test
    void anUnexpectedProcessingErrorIsDeadLetteredButAShutdownIsNot() {
        DeadLetterHandlers.Processing handler = new DeadLetterHandlers.Processing();
        handler.configure(configs);
        Record<String, byte[]> record = new Record<>("cam-1", value, NOW.toEpochMilli());
        ProcessingExceptionHandler.Response routed = handler.handleError(context, record, new IllegalStateException("bug"));
        assertThat(routed.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(text(routed.deadLetterQueueRecords().get(0).headers(), FrameHeaders.DLQ_REASON)).isEqualTo("processing-error");

        ProcessingExceptionHandler.Response shutdown = handler.handleError(context, record,
                new BatcherClosedException("closing"));
        assertThat(shutdown.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    }

    @Test
    void aRetriableSendErrorIsRetriedNotDroppedOrDeadLettered() {
        DeadLetterHandlers.Production handler = new DeadLetterHandlers.Production();
        handler.configure(configs);
        ProducerRecord<byte[], byte[]> verdict = new ProducerRecord<>("verdicts", key, value);
        for (Exception retriable : new Exception[] {new TimeoutException("broker away"),
                new NotLeaderOrFollowerException("leader moved")}) {
            ProductionExceptionHandler.Response r = handler.handleError(context, verdict, retriable);
            assertThat(r.result()).as(retriable.toString()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
            assertThat(r.deadLetterQueueRecords()).isEmpty();
        }
        assertThat(registry.find("tessera.inspect.dlq").counters()).isEmpty();
    }

    @Test
    void aRefusedVerdictDeadLettersItsFrameAndAnOversizedDeadLetterKeepsItsHeaders() {
        DeadLetterHandlers.Production handler = new DeadLetterHandlers.Production();
        handler.configure(configs);
        ProductionExceptionHandler.Response verdict = handler.handleError(context,
                new ProducerRecord<>("verdicts", new byte[0], new byte[0]), new RecordTooLargeException("too big"));
        assertThat(verdict.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> letter = verdict.deadLetterQueueRecords().get(0);
        assertThat(letter.value()).isEqualTo(value);
        assertThat(text(letter.headers(), FrameHeaders.DLQ_REASON)).isEqualTo("production-failed");

        ProductionExceptionHandler.Response dead = handler.handleError(context,
                new ProducerRecord<>("frames.dlq", key, value), new RecordTooLargeException("too big"));
        ProducerRecord<byte[], byte[]> stub = dead.deadLetterQueueRecords().get(0);
        assertThat(stub.value()).isNull();
        assertThat(text(stub.headers(), FrameHeaders.DLQ_REASON)).isEqualTo("dead-letter-failed");
    }
}
