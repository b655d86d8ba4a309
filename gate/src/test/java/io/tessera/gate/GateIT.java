package io.tessera.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.gate.core.GateEvents;
import io.tessera.gate.core.GatePolicy;
import io.tessera.gate.core.HandshakeTiming;
import io.tessera.gate.map.RegisterMap;
import io.tessera.gate.map.StatusBit;
import io.tessera.gate.metrics.GateMeters;
import io.tessera.gate.metrics.GateMetricsEndpoint;
import io.tessera.gate.sim.PlcCounts;
import io.tessera.gate.sim.PlcSimSettings;
import io.tessera.gate.sim.PlcSimulator;
import io.tessera.gate.sim.PlcSimulator.Observation;
import io.tessera.gate.sim.ShiftRegister;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.protocol.Decision;
import io.tessera.protocol.FrameBytesSerde;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.Topics;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gate on a real broker, talking Modbus TCP on loopback to the simulated PLC. */
@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class GateIT {
    private static final String LINE = "line-1";
    private static final Duration AWAIT = Duration.ofSeconds(60);
    private final Clock clock = Clock.systemUTC();

    private static GateSettings settings(KafkaCluster kafka, String prefix, GatePolicy policy, RegisterMap map, Duration window) {
        return GateSettings.forLine(kafka.bootstrapServers(), LINE).withTopicPrefix(prefix).withPolicy(policy)
                .withRejectWindow(window).withMap(map).withModbus("127.0.0.1", 0).withGroupId("gate-it-" + prefix)
                .withStartFrom(GateSettings.StartFrom.EARLIEST)
                .withTiming(new HandshakeTiming(Duration.ofMillis(300), Duration.ofSeconds(10)));
    }

    private static Topics topics(KafkaCluster kafka, String prefix) {
        return topics(kafka, prefix, 2);
    }

    private static Topics topics(KafkaCluster kafka, String prefix, int partitions) {
        Topics t = Topics.withPrefix(prefix, FrameBytesSerde.DEFAULT_MAX_FRAME_BYTES);
        kafka.createTopics(partitions, t.verdicts().name(), t.alerts().name());
        return t;
    }

    @Test
    void verdictsReachThePlcBeforeTheirDeadlinesAndItsCountsMatch(KafkaCluster kafka) throws Exception {
        String prefix = "gate-pass.";
        Topics topics = topics(kafka, prefix);
        Duration window = Duration.ofSeconds(5);
        RegisterMap map = new RegisterMap(0, 1, 8);
        GateSettings settings = settings(kafka, prefix, GatePolicy.PASS_SIGNAL, map, window);
        PrometheusMeterRegistry registry = GateMetricsEndpoint.newRegistry();
        GateMeters meters = new GateMeters(registry, LINE);
        ShiftRegister line = new ShiftRegister(GatePolicy.PASS_SIGNAL, clock);
        Map<Long, Instant> captured = new ConcurrentHashMap<>();
        int parts = 60;
        int ok = 0;
        int defects = 0;
        int unknown = 0;
        try (VerdictWriter writer = new VerdictWriter(kafka.bootstrapServers(), topics);
             GateService gate = GateService.start(settings, clock, GateEvents.both(meters, GateEvents.NONE));
             GateMetricsEndpoint endpoint = GateMetricsEndpoint.start("127.0.0.1", 0, registry, () -> true);
             PlcSimulator plc = PlcSimulator.start(PlcSimSettings.of("127.0.0.1", gate.port(), map).withPollInterval(Duration.ofMillis(10)),
                     line, clock)) {
            meters.bind(gate);
            writer.sendAborted(kafka.bootstrapServers(), VerdictWriter.verdict(LINE, "cam-1", 999, Decision.OK, GroundTruth.OK, clock.instant()));
            writer.sendRaw(topics.verdicts().name(), "cam-1".getBytes(StandardCharsets.UTF_8), "{not a verdict".getBytes(StandardCharsets.UTF_8));
            for (long seq = 0; seq < parts; seq++) {
                // every 5th part a defect; every 7th the model failed; part 13 a defect the model missed (an escape)
                GroundTruth truth = seq % 5 == 0 || seq == 13 ? GroundTruth.DEFECT : GroundTruth.OK;
                Decision decision = seq == 13 ? Decision.OK : seq % 5 == 0 ? Decision.DEFECT : seq % 7 == 0 ? Decision.UNKNOWN : Decision.OK;
                ok += decision == Decision.OK ? 1 : 0;
                defects += decision == Decision.DEFECT ? 1 : 0;
                unknown += decision == Decision.UNKNOWN ? 1 : 0;
                Instant capture = clock.instant();
                captured.put(seq, capture);
                line.partEntered(seq, truth, capture.plus(window));
                writer.send(VerdictWriter.verdict(LINE, "cam-1", seq, decision, truth, capture));
                writer.send(VerdictWriter.verdict("line-2", "cam-9", seq, Decision.OK, GroundTruth.OK, capture));
                Thread.sleep(50);
            }
            await().atMost(AWAIT).until(() -> line.counts().parts() == parts);

            PlcSimulator.Stats stats = plc.stats();
            List<Long> okSequences = new ArrayList<>();
            for (long seq = 0; seq < parts; seq++) {
                if (seq == 13 || (seq % 5 != 0 && seq % 7 != 0)) {
                    okSequences.add(seq);
                }
            }
            assertThat(stats.confirmed()).extracting(Observation::sequence).as("every OK, once, in order").isEqualTo(okSequences);
            assertThat(stats.observed()).hasSameSizeAs(stats.confirmed());
            List<Long> latencies = new ArrayList<>();
            for (Observation o : stats.observed()) {
                Instant deadline = captured.get(o.sequence()).plus(window);
                assertThat(o.observedAt()).as("part %d read before its deadline", o.sequence()).isBefore(deadline);
                assertThat(o.millisLeft()).isPositive();
                latencies.add(Duration.between(captured.get(o.sequence()), o.observedAt()).toMillis());
            }
            int rejected = parts - ok;
            assertThat(line.counts()).isEqualTo(new PlcCounts(parts, ok, rejected, defects, unknown, 1, rejected, 0, 0));
            assertThat(stats.lastStatus()).contains(StatusBit.MODEL_ERROR)
                    .doesNotContain(StatusBit.RESULT_LATE, StatusBit.RESULT_UNACKNOWLEDGED, StatusBit.BROKER_UNREACHABLE);

            String scrape = get(endpoint.port());
            assertThat(scrape).contains(
                    "tessera_gate_results_written_total{app=\"gate\",decision=\"OK\",line=\"line-1\"} " + ok + ".0",
                    "tessera_gate_results_withheld_total{app=\"gate\",decision=\"DEFECT\",line=\"line-1\"} " + defects + ".0",
                    "tessera_gate_results_withheld_total{app=\"gate\",decision=\"UNKNOWN\",line=\"line-1\"} " + unknown + ".0",
                    "tessera_gate_results_acknowledged_total{app=\"gate\",line=\"line-1\"} " + ok + ".0",
                    "tessera_gate_results_late_total{app=\"gate\",line=\"line-1\"} 0.0",
                    "tessera_gate_records_malformed_total{app=\"gate\",line=\"line-1\"} 1.0",
                    "tessera_gate_capture_to_write_seconds_bucket{app=\"gate\",line=\"line-1\",le=",
                    "tessera_gate_lag_records{app=\"gate\",line=\"line-1\"}",
                    "tessera_gate_status{app=\"gate\",bit=\"model_error\",line=\"line-1\"} 1.0");
            assertServesWhatTheAlertRulesRead(scrape);
            await().atMost(AWAIT).until(() -> committed(kafka, settings.groupId()).equals(endOffsets(kafka, topics.verdicts().name())));
            report(latencies);
        }
    }

    @Test
    void aPlcThatStopsAcknowledgingIsFlaggedAndNothingIsCommittedPastItsResults(KafkaCluster kafka) throws Exception {
        String prefix = "gate-noack.";
        Topics topics = topics(kafka, prefix);
        RegisterMap map = new RegisterMap(40, 3, 2);
        Duration window = Duration.ofSeconds(4);
        GateSettings settings = settings(kafka, prefix, GatePolicy.REJECT_SIGNAL, map, window).withSource(GateSettings.Source.ALERTS);
        PrometheusMeterRegistry registry = GateMetricsEndpoint.newRegistry();
        GateMeters meters = new GateMeters(registry, LINE);
        ShiftRegister line = new ShiftRegister(GatePolicy.REJECT_SIGNAL, clock);
        try (VerdictWriter writer = new VerdictWriter(kafka.bootstrapServers(), topics);
             GateService gate = GateService.start(settings, clock, meters);
             PlcSimulator plc = PlcSimulator.start(PlcSimSettings.of("127.0.0.1", gate.port(), map), line, clock)) {
            plc.holdAcknowledgements(true);
            for (long seq = 0; seq < 5; seq++) {
                writer.sendAlert(VerdictWriter.verdict(LINE, "cam-1", seq, Decision.DEFECT, GroundTruth.DEFECT, clock.instant()), window);
            }
            // two slots: two written and never acknowledged, three waiting until their deadline passes
            await().atMost(AWAIT).until(() -> count(registry, "tessera.gate.results.late") == 3
                    && count(registry, "tessera.gate.results.unacknowledged") == 2);
            await().atMost(AWAIT).until(() -> plc.stats().lastStatus().containsAll(EnumSet.of(StatusBit.PLC_NOT_ACKNOWLEDGING,
                    StatusBit.RING_FULL, StatusBit.RESULT_LATE, StatusBit.RESULT_UNACKNOWLEDGED)));
            assertThat(plc.stats().observed()).extracting(Observation::sequence).containsExactly(0L, 1L);
            assertThat(count(registry, "tessera.gate.results.acknowledged")).isZero();
            Map<TopicPartition, Long> held = committed(kafka, settings.groupId());
            assertThat(held.values().stream().mapToLong(Long::longValue).sum())
                    .as("nothing committed past the first unacknowledged alert").isZero();

            plc.holdAcknowledgements(false);
            await().atMost(AWAIT).until(() -> committed(kafka, settings.groupId()).equals(endOffsets(kafka, topics.alerts().name())));
            assertThat(count(registry, "tessera.gate.results.acknowledged")).isEqualTo(2);
            assertThat(plc.stats().confirmed()).extracting(Observation::sequence).containsExactly(0L, 1L);
        }
    }

    @Test
    void aPlcThatGoesAwayAndComesBackMissesNothing(KafkaCluster kafka) {
        String prefix = "gate-cable.";
        Topics topics = topics(kafka, prefix);
        RegisterMap map = new RegisterMap(0, 1, 4);
        GateSettings settings = settings(kafka, prefix, GatePolicy.PASS_SIGNAL, map, Duration.ofSeconds(60));
        ShiftRegister line = new ShiftRegister(GatePolicy.PASS_SIGNAL, clock);
        try (VerdictWriter writer = new VerdictWriter(kafka.bootstrapServers(), topics);
             GateService gate = GateService.start(settings, clock, GateEvents.NONE);
             PlcSimulator plc = PlcSimulator.start(PlcSimSettings.of("127.0.0.1", gate.port(), map), line, clock)) {
            for (long seq = 0; seq < 3; seq++) {
                writer.send(VerdictWriter.verdict(LINE, "cam-1", seq, Decision.OK, GroundTruth.OK, clock.instant()));
            }
            await().atMost(AWAIT).until(() -> plc.stats().confirmed().size() == 3);

            plc.goOffline();
            await().atMost(AWAIT).until(() -> !plc.stats().connected());
            for (long seq = 3; seq < 10; seq++) {
                writer.send(VerdictWriter.verdict(LINE, "cam-1", seq, Decision.OK, GroundTruth.OK, clock.instant()));
            }
            // four slots fill; the gate waits, holding its position, and says why
            await().atMost(AWAIT).until(() -> gate.status().containsAll(EnumSet.of(StatusBit.PLC_NOT_ACKNOWLEDGING, StatusBit.RING_FULL)));
            assertThat(gate.handshake().written()).isEqualTo(7);

            plc.goOnline();
            await().atMost(AWAIT).until(() -> plc.stats().confirmed().size() == 10);
            PlcSimulator.Stats stats = plc.stats();
            assertThat(stats.confirmed()).extracting(Observation::sequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(stats.observed()).hasSize(10);
            assertThat(stats.sessions()).isEqualTo(1);
            assertThat(stats.connects()).isGreaterThanOrEqualTo(2);
            await().atMost(AWAIT).until(() -> !gate.status().contains(StatusBit.PLC_NOT_ACKNOWLEDGING));
        }
    }

    @Test
    void aRestartedGateRewritesNothingAcknowledgedAndSkipsNothing(KafkaCluster kafka) throws Exception {
        // two partitions, the line's results all in one: the other one starts from gate.start-from
        restartRewritesNothingAcknowledgedAndSkipsNothing(kafka, "gate-restart.", 2);
    }

    /**
     * Regression: with a committed offset on every partition, the restarted gate passed an empty
     * list to seekToBeginning, which Kafka reads as every partition, and presented again every
     * result the PLC had acknowledged.
     */
    @Test
    void aRestartedGateWithEveryPartitionCommittedResumesFromTheCommittedOffsets(KafkaCluster kafka) throws Exception {
        restartRewritesNothingAcknowledgedAndSkipsNothing(kafka, "gate-restart-one.", 1);
    }

    private void restartRewritesNothingAcknowledgedAndSkipsNothing(KafkaCluster kafka, String prefix, int partitions) throws Exception {
        Topics topics = topics(kafka, prefix, partitions);
        RegisterMap map = new RegisterMap(0, 1, 4);
        GateSettings settings = settings(kafka, prefix, GatePolicy.PASS_SIGNAL, map, Duration.ofSeconds(60));
        ShiftRegister line = new ShiftRegister(GatePolicy.PASS_SIGNAL, clock);
        int parts = 40;
        try (VerdictWriter writer = new VerdictWriter(kafka.bootstrapServers(), topics)) {
            GateService first = GateService.start(settings, clock, GateEvents.NONE);
            int port = first.port();
            try (PlcSimulator plc = PlcSimulator.start(PlcSimSettings.of("127.0.0.1", port, map).withAckDelay(Duration.ofMillis(30)),
                    line, clock)) {
                Thread producer = new Thread(() -> {
                    for (long seq = 0; seq < parts; seq++) {
                        writer.send(VerdictWriter.verdict(LINE, "cam-1", seq, Decision.OK, GroundTruth.OK, clock.instant()));
                        try {
                            Thread.sleep(25);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "verdict-producer");
                producer.start();
                await().atMost(AWAIT).until(() -> plc.stats().confirmed().size() >= 10);
                first.halt();
                int confirmedBefore = plc.stats().confirmed().size();

                try (GateService second = GateService.start(settings.withModbus("127.0.0.1", port), clock, GateEvents.NONE)) {
                    producer.join();
                    RestartChecks.awaitEveryPartRead(plc, second, parts, AWAIT);
                    PlcSimulator.Stats stats = plc.stats();
                    assertThat(stats.connects()).as("the PLC reconnected to the new gate").isGreaterThanOrEqualTo(2);
                    assertThat(stats.confirmed().size()).isGreaterThanOrEqualTo(confirmedBefore);
                    RestartChecks.assertExactlyOnceTowardsThePlc(stats, second, parts, map.slots());
                }
            }
        }
    }

    private static double count(PrometheusMeterRegistry registry, String name) {
        var counter = registry.find(name).counter();
        return counter == null ? -1 : counter.count();
    }

    private static Map<TopicPartition, Long> committed(KafkaCluster kafka, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> out = new HashMap<>();
        offsets.forEach((tp, o) -> out.put(tp, o == null ? 0L : o.offset()));
        return out;
    }

    private static Map<TopicPartition, Long> endOffsets(KafkaCluster kafka, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        for (int p = 0; p < 2; p++) {
            spec.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        kafka.admin().listOffsets(spec, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((tp, info) -> {
                    if (info.offset() > 0) {
                        out.put(tp, info.offset());
                    }
                });
        return out;
    }

    /**
     * Every gate metric (and status bit) the Prometheus alerting rules read is in a running gate's
     * scrape, so the rules and the gate cannot drift apart.
     */
    private static void assertServesWhatTheAlertRulesRead(String scrape) throws Exception {
        String rules = Files.readString(Path.of(System.getProperty("tessera.root", ".."), "dashboards", "alerts.yml"));
        List<String> read = new ArrayList<>();
        Matcher metric = Pattern.compile("\\btessera_gate_[a-z_]+").matcher(rules);
        while (metric.find()) {
            read.add(metric.group());
        }
        assertThat(read).as("gate metrics the alert rules read").hasSizeGreaterThanOrEqualTo(5);
        for (String name : read) {
            assertThat(scrape).as(name).containsPattern("(?m)^" + name + "\\{");
        }
        Matcher bit = Pattern.compile("bit=\"([a-z_]+)\"").matcher(rules);
        while (bit.find()) {
            assertThat(scrape).contains("bit=\"" + bit.group(1) + "\"");
        }
    }

    private static String get(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Prints the verdict-to-PLC figures with the CPU they were measured on (for the README). */
    private static void report(List<Long> latenciesMs) throws Exception {
        List<Long> sorted = latenciesMs.stream().sorted().toList();
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        System.out.printf("GATE-LATENCY verdict written to Kafka -> read by the PLC from the registers, %d results: p50 %d ms, "
                        + "p95 %d ms, max %d ms (PLC polls every 10 ms; CPU: %s, %d cores)%n", sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), sorted.get(sorted.size() - 1), cpu,
                Runtime.getRuntime().availableProcessors());
    }
}
