package io.tessera.kafka.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The {@code server.properties} of a single-node KRaft broker+controller on loopback. */
final class BrokerProperties {

    static final String HOST = "127.0.0.1";
    static final int NODE_ID = 1;

    private BrokerProperties() {
    }

    static Map<String, String> render(LocalKafkaSettings settings, int brokerPort, int controllerPort, Path logDir) {
        Map<String, String> p = new TreeMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "1");
        // One node: every internal topic must accept a replication factor and min.isr of 1.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // One partition each for the group and transaction coordinators' topics (Kafka: 50 each). On
        // one node more partitions spread nothing; they only cost start-up and shutdown time: every
        // start loads the logs of all of them, and every start after a stop makes each of them leader
        // again and reloads its coordinator state before a group or a transaction can go on (measured
        // on a loaded 2-core machine: up to 2 s after the broker answered, with 100 of them).
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.num.partitions", "1");
        // Nobody else will join a group on a test broker: do not make the first member wait 3 s.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Raw 2K frames are 6.6 MB; the 1 MiB default would refuse them.
        p.put("message.max.bytes", Integer.toString(settings.maxMessageBytes()));
        p.put("replica.fetch.max.bytes", Integer.toString(settings.maxMessageBytes()));
        p.putAll(settings.overrides());
        return p;
    }

    static String toText(Map<String, String> properties) {
        StringBuilder text = new StringBuilder("# written by io.tessera.kafka.local.LocalKafka\n");
        properties.forEach((k, v) -> text.append(k).append('=').append(escape(v)).append('\n'));
        return text.toString();
    }

    // java.util.Properties reads backslashes as escapes; paths on Windows-like systems would break.
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }
}
