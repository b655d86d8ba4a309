package io.tessera.gate;

import io.tessera.gate.core.GatePolicy;
import io.tessera.gate.core.HandshakeTiming;
import io.tessera.gate.map.RegisterMap;
import io.tessera.protocol.FrameBytesSerde;
import io.tessera.protocol.Topics;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one gate needs, checked when made; a bad value raises {@link GateSettingsException}
 * naming its key.
 *
 * @param bootstrap     {@code kafka.bootstrap.servers}
 * @param topicPrefix   {@code topics.prefix}: the site's topic prefix, "" for none
 * @param source        {@code gate.source}: which topic the results come from
 * @param line          {@code gate.line}: the one line this gate serves
 * @param camera        {@code gate.camera}: only this camera's results, or null for every camera of the line
 * @param policy        {@code gate.policy}
 * @param rejectWindow  {@code gate.reject-window-ms}: capture time to the gate, for verdicts (alerts carry their deadline)
 * @param groupId       {@code gate.group-id}: the consumer group whose offsets record what the PLC acknowledged;
 *                      by default {@code tessera-gate-<line>}, or {@code tessera-gate-<line>-<camera>} with a camera
 * @param startFrom     {@code gate.start-from}: where a group without committed offsets starts
 * @param map           the register map ({@code modbus.base-address}, {@code modbus.unit-id}, {@code gate.slots})
 * @param bindAddress   {@code modbus.bind-address}
 * @param port          {@code modbus.port}: 502 is the Modbus port; 0 picks a free one
 * @param timing        {@code gate.ack-timeout-ms}, {@code gate.status-hold-ms}
 * @param consumerProps other Kafka consumer settings, passed through
 */
public record GateSettings(String bootstrap, String topicPrefix, Source source, String line, String camera,
                           GatePolicy policy, Duration rejectWindow, String groupId, StartFrom startFrom, RegisterMap map,
                           String bindAddress, int port, HandshakeTiming timing, Map<String, String> consumerProps) {

    /** The topic a gate reads. */
    public enum Source {
        /** Every verdict, exactly one per frame: what pass-signal needs. */
        VERDICTS,
        /** DEFECT and UNKNOWN only, each with its deadline. */
        ALERTS;

        public static Source parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new GateSettingsException("gate.source", "must be verdicts or alerts, got '" + value + "'");
            }
        }
    }

    /** Where to start when the group has committed nothing yet. */
    public enum StartFrom {
        /** Only results published from now on: older ones would all be late. */
        LATEST,
        EARLIEST;

        public static StartFrom parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new GateSettingsException("gate.start-from", "must be latest or earliest, got '" + value + "'");
            }
        }
    }

    public GateSettings {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new GateSettingsException("kafka.bootstrap.servers", "is required");
        }
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        Objects.requireNonNull(source, "source");
        if (line == null || line.isBlank()) {
            throw new GateSettingsException("gate.line", "is required: a gate serves one line");
        }
        camera = camera == null || camera.isBlank() ? null : camera;
        Objects.requireNonNull(policy, "policy");
        if (policy == GatePolicy.PASS_SIGNAL && source == Source.ALERTS) {
            throw new GateSettingsException(GatePolicy.KEY,
                    "pass-signal writes OK results, which alerts never carry: use gate.source=verdicts or gate.policy=reject-signal");
        }
        if (rejectWindow == null || rejectWindow.isNegative() || rejectWindow.isZero()) {
            throw new GateSettingsException("gate.reject-window-ms", "must be positive, got " + rejectWindow);
        }
        // a gate per camera (--camera) keeps its own position
        groupId = groupId == null || groupId.isBlank() ? "tessera-gate-" + line + (camera == null ? "" : "-" + camera) : groupId;
        Objects.requireNonNull(startFrom, "startFrom");
        Objects.requireNonNull(map, "map");
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new GateSettingsException("modbus.bind-address", "is required, e.g. 0.0.0.0 for every interface");
        }
        if (port < 0 || port > 65535) {
            throw new GateSettingsException("modbus.port", "must be 0..65535, got " + port);
        }
        Objects.requireNonNull(timing, "timing");
        consumerProps = consumerProps == null ? Map.of() : Map.copyOf(consumerProps);
    }

    /** Defaults for one line: verdicts, pass-signal, 3 s window, map at 0, unit 1, 8 slots, Modbus on 127.0.0.1:502. */
    public static GateSettings forLine(String bootstrap, String line) {
        return new GateSettings(bootstrap, "", Source.VERDICTS, line, null, GatePolicy.PASS_SIGNAL, Duration.ofSeconds(3),
                null, StartFrom.LATEST, RegisterMap.defaults(), "127.0.0.1", 502, HandshakeTiming.defaults(), Map.of());
    }

    public GateSettings withPolicy(GatePolicy p) {
        return new GateSettings(bootstrap, topicPrefix, source, line, camera, p, rejectWindow, groupId, startFrom, map,
                bindAddress, port, timing, consumerProps);
    }

    public GateSettings withSource(Source s) {
        return new GateSettings(bootstrap, topicPrefix, s, line, camera, policy, rejectWindow, groupId, startFrom, map,
                bindAddress, port, timing, consumerProps);
    }

    public GateSettings withTopicPrefix(String prefix) {
        return new GateSettings(bootstrap, prefix, source, line, camera, policy, rejectWindow, groupId, startFrom, map,
                bindAddress, port, timing, consumerProps);
    }

    public GateSettings withRejectWindow(Duration window) {
        return new GateSettings(bootstrap, topicPrefix, source, line, camera, policy, window, groupId, startFrom, map,
                bindAddress, port, timing, consumerProps);
    }

    public GateSettings withMap(RegisterMap m) {
        return new GateSettings(bootstrap, topicPrefix, source, line, camera, policy, rejectWindow, groupId, startFrom, m,
                bindAddress, port, timing, consumerProps);
    }

    public GateSettings withModbus(String address, int p) {
        return new GateSettings(bootstrap, topicPrefix, source, line, camera, policy, rejectWindow, groupId, startFrom, map,
                address, p, timing, consumerProps);
    }

    public GateSettings withTiming(HandshakeTiming t) {
        return new GateSettings(bootstrap, topicPrefix, source, line, camera, policy, rejectWindow, groupId, startFrom, map,
                bindAddress, port, t, consumerProps);
    }

    public GateSettings withGroupId(String g) {
        return new GateSettings(bootstrap, topicPrefix, source, line, camera, policy, rejectWindow, g, startFrom, map,
                bindAddress, port, timing, consumerProps);
    }

    public GateSettings withStartFrom(StartFrom s) {
        return new GateSettings(bootstrap, topicPrefix, source, line, camera, policy, rejectWindow, groupId, s, map,
                bindAddress, port, timing, consumerProps);
    }

    public GateSettings withCamera(String c) {
        return new GateSettings(bootstrap, topicPrefix, source, line, c, policy, rejectWindow, groupId, startFrom, map,
                bindAddress, port, timing, consumerProps);
    }

    public GateSettings withConsumerProps(Map<String, String> props) {
        return new GateSettings(bootstrap, topicPrefix, source, line, camera, policy, rejectWindow, groupId, startFrom, map,
                bindAddress, port, timing, props);
    }

    public String topic() {
        Topics t = Topics.withPrefix(topicPrefix, FrameBytesSerde.DEFAULT_MAX_FRAME_BYTES);
        return source == Source.VERDICTS ? t.verdicts().name() : t.alerts().name();
    }
}
