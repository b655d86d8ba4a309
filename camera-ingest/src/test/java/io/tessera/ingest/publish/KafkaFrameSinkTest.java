package io.tessera.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.ingest.CapturedFrame;
import io.tessera.ingest.IngestException;
import io.tessera.ingest.TinyFrames;
import io.tessera.ingest.source.FrameSource;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaFrameSinkTest {

    private static FrameSource endless() {
        AtomicLong seq = new AtomicLong();
        return new FrameSource() {
            @Override
            public Optional<CapturedFrame> next() {
                return Optional.of(TinyFrames.frame(seq.getAndIncrement(), Instant.now()));
            }

            @Override
            public String describe() {
                return "endless";
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void recordsCarryKeyHeadersAndValueAsCaptured() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        KafkaFrameSink sink = KafkaFrameSink.over(producer, "plant1.frames", "broker-a:9092");
        CapturedFrame frame = TinyFrames.frame(3, Instant.parse("2026-02-03T04:05:06.007Z"));
        Exception[] outcome = {new Exception("not called")};
        sink.send(frame, error -> outcome[0] = error);
        assertThat(outcome[0]).isNull();
        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("plant1.frames");
        assertThat(sent.key()).isEqualTo("cam-1");
        assertThat(sent.value()).isEqualTo(frame.value());
        assertThat(sent.timestamp()).isNull(); // the producer stamps the send time; capture time is a header
        assertThat(sent.headers().toArray()).containsExactlyElementsOf(frame.headers());
    }

    @Test
    void aBrokerThatStopsAcknowledgingFailsTheRunNamingTheBootstrapServers() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        KafkaFrameSink sink = KafkaFrameSink.over(producer, "frames", "broker-a:9092,broker-b:9092");
        FramePublisher publisher = FramePublisher.builder().source(endless()).sink(sink).pace(Pace.fixedRate(200)).build().start();
        while (producer.history().size() < 3) {
            Thread.sleep(5);
        }
        producer.errorNext(new TimeoutException("Expiring 1 record(s) for frames-0: 60000 ms has passed since batch creation"));
        assertThatThrownBy(publisher::await).isInstanceOf(IngestException.class)
                .hasMessageContaining("broker-a:9092,broker-b:9092").hasMessageContaining("did not take frames");
        assertThat(publisher.stats().snapshot(System.nanoTime()).failed()).isEqualTo(1);
        publisher.close();
    }
}
