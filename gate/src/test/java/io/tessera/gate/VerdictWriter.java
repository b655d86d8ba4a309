package io.tessera.gate;

import io.tessera.protocol.Alert;
import io.tessera.protocol.Decision;
import io.tessera.protocol.GroundTruth;
import io.tessera.protocol.ModelRef;
import io.tessera.protocol.StageLatency;
import io.tessera.protocol.ThresholdSource;
import io.tessera.protocol.Topics;
import io.tessera.protocol.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes verdicts and alerts the way the inspect app does, with the wire format's descriptors. */
final class VerdictWriter implements AutoCloseable {
    private final Topics topics;
    private final KafkaProducer<String, Verdict> verdicts;
    private final KafkaProducer<String, Alert> alerts;
    private final KafkaProducer<byte[], byte[]> raw;

    VerdictWriter(String bootstrap, Topics topics) {
        this.topics = topics;
        this.verdicts = new KafkaProducer<>(props(bootstrap), topics.verdicts().keySerde().serializer(),
                topics.verdicts().valueSerde().serializer());
        this.alerts = new KafkaProducer<>(props(bootstrap), topics.alerts().keySerde().serializer(),
                topics.alerts().valueSerde().serializer());
        this.raw = new KafkaProducer<>(props(bootstrap), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Properties props(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return p;
    }

    static Verdict verdict(String line, String camera, long seq, Decision decision, GroundTruth truth, Instant capture) {
        double score = decision == Decision.OK ? 0.1 : decision == Decision.DEFECT ? 0.9 : 0.0;
        return new Verdict(camera, line, seq, "part-" + seq, capture, decision,
                decision == Decision.UNKNOWN ? "model-error" : null, decision == Decision.OK ? 0.9 : decision == Decision.DEFECT ? 0.9 : 0.0,
                score, 0.5, ThresholdSource.MODEL, 45, null, new ModelRef("test", "1"), capture, StageLatency.none(), truth);
    }

    void send(Verdict v) {
        verdicts.send(new ProducerRecord<>(topics.verdicts().name(), v.cameraId(), v));
        verdicts.flush();
    }

    void send(Alert a) {
        alerts.send(new ProducerRecord<>(topics.alerts().name(), a.lineId(), a));
        alerts.flush();
    }

    void sendAlert(Verdict v, Duration window) {
        send(Alert.of(v, window));
    }

    void sendRaw(String topic, byte[] key, byte[] value) {
        raw.send(new ProducerRecord<>(topic, key, value));
        raw.flush();
    }

    /** A verdict written in a transaction that is then aborted: read_committed readers never see it. */
    void sendAborted(String bootstrap, Verdict v) {
        Properties p = props(bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "gate-it-aborted-" + v.sequence() + "-" + System.nanoTime());
        try (KafkaProducer<String, Verdict> tx = new KafkaProducer<>(p, topics.verdicts().keySerde().serializer(),
                topics.verdicts().valueSerde().serializer())) {
            tx.initTransactions();
            tx.beginTransaction();
            tx.send(new ProducerRecord<>(topics.verdicts().name(), v.cameraId(), v));
            tx.flush();
            tx.abortTransaction();
        }
    }

    @Override
    public void close() {
        verdicts.close();
        alerts.close();
        raw.close();
    }
}
