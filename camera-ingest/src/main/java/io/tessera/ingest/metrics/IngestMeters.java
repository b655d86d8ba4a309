package io.tessera.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tessera.ingest.publish.IngestStats;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The ingest run's figures as Micrometer meters. Names (Prometheus form in brackets):
 * <ul>
 *   <li>{@code tessera.ingest.frames.accepted} [{@code tessera_ingest_frames_accepted_total}]: frames handed to the producer</li>
 *   <li>{@code tessera.ingest.frames.sent} [{@code tessera_ingest_frames_sent_total}]: frames the broker acknowledged</li>
 *   <li>{@code tessera.ingest.sent} (bytes) [{@code tessera_ingest_sent_bytes_total}]: their bytes</li>
 *   <li>{@code tessera.ingest.frames.failed} [{@code tessera_ingest_frames_failed_total}]: frames the producer gave up on</li>
 *   <li>{@code tessera.ingest.frames.late} [{@code tessera_ingest_frames_late_total}]: frames sent after their slot in the frame rate</li>
 *   <li>{@code tessera.ingest.send.latency} [{@code tessera_ingest_send_latency_seconds_*}]: send to acknowledgement,
 *       with a histogram for percentiles</li>
 * </ul>
 */
public final class IngestMeters implements IngestStats.Listener {
    private final Counter accepted;
    private final Counter sent;
    private final Counter sentBytes;
    private final Counter failed;
    private final Counter late;
    private final Timer sendLatency;

    private IngestMeters(MeterRegistry registry) {
        accepted = Counter.builder("tessera.ingest.frames.accepted").description("Frames handed to the Kafka producer")
                .register(registry);
        sent = Counter.builder("tessera.ingest.frames.sent").description("Frames acknowledged by the broker")
                .register(registry);
        sentBytes = Counter.builder("tessera.ingest.sent").baseUnit("bytes").description("Bytes of the acknowledged frames")
                .register(registry);
        failed = Counter.builder("tessera.ingest.frames.failed").description("Frames the producer could not deliver")
                .register(registry);
        late = Counter.builder("tessera.ingest.frames.late").description("Frames sent after their slot in the frame rate")
                .register(registry);
        sendLatency = Timer.builder("tessera.ingest.send.latency")
                .description("Time from handing a frame to the producer to the broker's acknowledgement")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** Registers the meters and feeds them from the run's stats from now on. */
    public static IngestMeters bind(IngestStats stats, MeterRegistry registry) {
        IngestMeters meters = new IngestMeters(registry);
        stats.addListener(meters);
        return meters;
    }

    @Override
    public void accepted() {
        accepted.increment();
    }

    @Override
    public void late(Duration lateness) {
        late.increment();
    }

    @Override
    public void acked(int bytes, long latencyNanos) {
        sent.increment();
        sentBytes.increment(bytes);
        sendLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void failed() {
        failed.increment();
    }
}
