package io.tessera.stream.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.kafka.local.LocalKafka;
import io.tessera.kafka.local.LocalKafkaSettings;
import io.tessera.protocol.JsonSerde;
import io.tessera.protocol.Verdict;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Regression: the dashboard's verdict feed ended for good when the broker did not answer, while
 * the page kept showing a frozen line. It must wait and follow the broker once it is there.
 */
@Tag("integration")
class VerdictFeedRecoveryIT {

    @Test
    void theFeedOutlivesAnAbsentBrokerAndShowsVerdictsOnceItIsThere() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String bootstrap = "127.0.0.1:" + port;
        LinkedBlockingQueue<Verdict> shown = new LinkedBlockingQueue<>();
        try (VerdictFeed feed = new VerdictFeed(Map.of("bootstrap.servers", bootstrap), "verdicts", shown::add, () -> { })) {
            feed.start();
            Thread.sleep(12_000); // past the feed's first metadata timeout (10 s): it failed at least once
            assertThat(feed.live()).isFalse();

            try (LocalKafka kafka = LocalKafka.start(LocalKafkaSettings.defaults().withPort(port))) {
                kafka.createTopics(1, "verdicts");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (!feed.live()) {
                    assertThat(System.nanoTime()).as("feed never caught up with the broker").isLessThan(deadline);
                    Thread.sleep(200);
                }
                Verdict verdict = DashboardFixtures.ok("cam-1", "line-1", 7, Instant.now(), 120);
                Properties p = new Properties();
                p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
                try (KafkaProducer<String, Verdict> producer = new KafkaProducer<>(p, new StringSerializer(),
                        new JsonSerde<>(Verdict.class).serializer())) {
                    producer.send(new ProducerRecord<>("verdicts", verdict.cameraId(), verdict)).get();
                }

                Verdict received = shown.poll(60, TimeUnit.SECONDS);
                assertThat(received).as("verdict shown after the broker came").isNotNull();
                assertThat(received.sequence()).isEqualTo(7);
            }
        }
    }
}
