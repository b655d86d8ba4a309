package io.tessera.gate.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tessera.gate.GateService;
import io.tessera.gate.GateSettings;
import io.tessera.gate.GateSettingsException;
import io.tessera.gate.core.GateEvents;
import io.tessera.gate.core.GatePolicy;
import io.tessera.gate.core.HandshakeTiming;
import io.tessera.gate.map.RegisterMap;
import io.tessera.gate.map.StatusBit;
import io.tessera.gate.metrics.GateLog;
import io.tessera.gate.metrics.GateMeters;
import io.tessera.gate.metrics.GateMetricsEndpoint;
import io.tessera.gate.sim.PlcSimMeters;
import io.tessera.gate.sim.PlcSimSettings;
import io.tessera.gate.sim.PlcSimulator;
import io.tessera.gate.sim.ShiftRegister;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tessera gate}: one line's reject gate, a Modbus TCP server that the line's PLC polls. */
@Command(name = "gate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Drives a line's reject gate over Modbus TCP. Tessera is the Modbus server and the PLC polls it.",
            "The gate reads the line's verdicts (or alerts) with read_committed, writes each result into a ring of register"
                    + " slots before its deadline, and commits Kafka offsets only after the PLC acknowledged them: a restarted gate"
                    + " writes again nothing the PLC acknowledged, and skips nothing.",
            "",
            "Register map: holding registers, also readable as input registers; protocol addresses from B = --base-address.",
            "  B+0   heartbeat       read   seconds since start mod 65536: ticks every second",
            "  B+1   status          read   bit 0 model error, 1 broker unreachable,",
            "                               2 result late, 3 result unacknowledged,",
            "                               4 PLC not acknowledging, 5 ring full",
            "  B+2   result counter  read   counter value of the newest result written",
            "                               (0: none yet this session)",
            "  B+3   session         read   changes at every gate start; the counter and",
            "                               the acknowledge register start again from 0",
            "  B+4   slot count      read   N (--slots)",
            "  B+5   acknowledge     write  counter value of the newest result consumed",
            "  B+8   ring            read   N slots of 8 registers, slot k at B+8+8k:",
            "          +0 counter            +1 sequence high word  +2 sequence low word",
            "          +3 decision: 1 OK, 2 DEFECT, 3 UNKNOWN       +4 score x1000",
            "          +5 ms left to the deadline when written",
            "          +6 deadline, epoch seconds, high word        +7 low word",
            "",
            "Handshake: (1) the gate writes result n into slot (n-1) mod N, then sets the result counter to n mod 65536."
                    + " (2) The PLC reads the whole map in one request (8 + 8N registers) and takes the slots whose counter runs"
                    + " from its last acknowledged value + 1 to the result counter. (3) It writes the newest value it consumed to"
                    + " the acknowledge register; the write is answered once that acknowledgement is committed to Kafka (busy,"
                    + " exception 6, means write it again). (4) A slot is reused only after its result was acknowledged.",
            "Policies: pass-signal (the default, fail-safe) writes only OK results and the PLC rejects every part that has no OK"
                    + " by the time it reaches the gate; reject-signal writes DEFECT and UNKNOWN results and the PLC rejects those.",
            "A result past its deadline (capture time + --reject-window-ms for verdicts; alerts carry theirs) is not written:"
                    + " it is counted late and sets status bit 2.",
            "",
            "Options:"
        })
public final class GateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--line", paramLabel = "LINE", required = true, description = "gate.line: the one production line this gate serves.")
    String line;

    @Option(names = "--camera", paramLabel = "CAMERA", description = "gate.camera: only this camera's results (default: every camera of the line).")
    String camera;

    @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "pass-signal",
            description = "gate.policy: pass-signal (only OK written; fail-safe) or reject-signal (DEFECT and UNKNOWN written)"
                    + " (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--source", paramLabel = "TOPIC", defaultValue = "verdicts",
            description = "gate.source: verdicts (every frame; needed by pass-signal) or alerts (DEFECT and UNKNOWN with their"
                    + " deadline) (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--reject-window-ms", paramLabel = "MS", defaultValue = "3000",
            description = "gate.reject-window-ms: capture to the reject gate; a verdict's deadline is its capture time plus this,"
                    + " as the inspect app's alerts.reject-window-ms (default: ${DEFAULT-VALUE}).")
    long rejectWindowMs;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,...]", defaultValue = "localhost:9092",
            description = "kafka.bootstrap.servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "topics.prefix: the site's topic prefix, e.g. plant1. (default: none).")
    String topicPrefix;

    @Option(names = "--group-id", paramLabel = "GROUP",
            description = "gate.group-id: consumer group whose offsets record what the PLC acknowledged (default: tessera-gate-LINE, or tessera-gate-LINE-CAMERA with --camera).")
    String groupId;

    @Option(names = "--start-from", paramLabel = "WHERE", defaultValue = "latest",
            description = "gate.start-from: where a group with no committed offsets starts, latest or earliest (default: ${DEFAULT-VALUE}).")
    String startFrom;

    @Option(names = "--modbus-address", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "modbus.bind-address: address the Modbus TCP server listens on; 0.0.0.0 for every interface"
                    + " (default: ${DEFAULT-VALUE}).")
    String modbusAddress;

    @Option(names = "--modbus-port", paramLabel = "PORT", defaultValue = "5020",
            description = "modbus.port: 502 is the Modbus port but needs privileges on Linux; 0 picks a free one"
                    + " (default: ${DEFAULT-VALUE}).")
    int modbusPort;

    @Mixin
    MapOptions mapOptions;

    @Option(names = "--ack-timeout-ms", paramLabel = "MS", defaultValue = "1000",
            description = "gate.ack-timeout-ms: an unacknowledged result older than this sets status bit 4 (default: ${DEFAULT-VALUE}).")
    long ackTimeoutMs;

    @Option(names = "--status-hold-ms", paramLabel = "MS", defaultValue = "10000",
            description = "gate.status-hold-ms: how long event bits 0, 2 and 3 stay set after the event (default: ${DEFAULT-VALUE}).")
    long statusHoldMs;

    @Option(names = "--consumer-prop", paramLabel = "KEY=VALUE",
            description = "Any other Kafka consumer setting, e.g. security (repeatable). Isolation level and auto commit are fixed.")
    Map<String, String> consumerProps = new LinkedHashMap<>();

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "0",
            description = "Serve Prometheus metrics (tessera_gate_*) at http://ADDRESS:PORT/metrics and /healthz; 0 = off"
                    + " (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--metrics-address", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the metrics endpoint binds to (default: ${DEFAULT-VALUE}).")
    String metricsAddress;

    @Option(names = "--simulate-plc", description = "Also run a simulated PLC against this gate (see 'plc-sim --help') and print its counts.")
    boolean simulatePlc;

    @Option(names = "--plc-ack-delay-ms", paramLabel = "MS", defaultValue = "0",
            description = "With --simulate-plc: how long the PLC waits before acknowledging (default: ${DEFAULT-VALUE}).")
    long plcAckDelayMs;

    @Option(names = "--status-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "How often the figures are printed; 0 for never (default: ${DEFAULT-VALUE}).")
    int statusInterval;

    @Option(names = "--print-map", description = "Print the register map with absolute addresses for these settings and exit.")
    boolean printMap;

    GateSettings settings() {
        try {
            return new GateSettings(bootstrap, topicPrefix, GateSettings.Source.parse(source), line, camera, GatePolicy.parse(policy),
                    Duration.ofMillis(rejectWindowMs), groupId, GateSettings.StartFrom.parse(startFrom), mapOptions.map(),
                    modbusAddress, modbusPort,
                    new HandshakeTiming(Duration.ofMillis(ackTimeoutMs), Duration.ofMillis(statusHoldMs)), consumerProps);
        } catch (GateSettingsException e) {
            throw SettingsErrors.usage(spec.commandLine(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        GateSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        if (printMap) {
            printMap(settings.map(), out);
            return 0;
        }
        PrometheusMeterRegistry registry = GateMetricsEndpoint.newRegistry();
        GateMeters meters = new GateMeters(registry, settings.line());
        try (UntilInterrupted until = UntilInterrupted.install()) {
            GateService gate;
            try {
                gate = GateService.start(settings, Clock.systemUTC(), GateEvents.both(meters, new GateLog()));
            } catch (GateSettingsException e) {
                throw SettingsErrors.usage(spec.commandLine(), e);
            }
            meters.bind(gate);
            run(gate, settings, registry, until);
        }
        return 0;
    }

    private void run(GateService gate, GateSettings settings, PrometheusMeterRegistry registry, UntilInterrupted until)
            throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (gate;
             GateMetricsEndpoint endpoint = metricsPort > 0 ? startEndpoint(registry, gate) : null;
             PlcSimulator plc = simulatePlc ? PlcSimulator.start(
                     PlcSimSettings.of(settings.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : settings.bindAddress(), gate.port(), settings.map()).withAckDelay(Duration.ofMillis(plcAckDelayMs)),
                     new ShiftRegister(settings.policy(), Clock.systemUTC()), Clock.systemUTC()) : null) {
            if (plc != null) {
                PlcSimMeters.bind(registry, settings.line(), plc.shiftRegister());
            }
            out.printf("Gate for line %s: Modbus TCP server on %s:%d, unit %d, map at %d (%d registers), %s, reading %s%n",
                    settings.line(), settings.bindAddress(), gate.port(), settings.map().unitId(), settings.map().baseAddress(),
                    settings.map().length(), settings.policy(), settings.topic());
            if (endpoint != null) {
                out.printf("Metrics at http://%s:%d/metrics%n", metricsAddress, endpoint.port());
            }
            out.flush();
            Runnable status = () -> {
                out.println(GateStatusLine.of(gate, registry));
                if (plc != null) {
                    out.println(GateStatusLine.of(plc));
                }
                out.flush();
            };
            until.await(statusInterval, status);
            status.run();
        }
    }

    private GateMetricsEndpoint startEndpoint(PrometheusMeterRegistry registry, GateService gate) {
        try {
            return GateMetricsEndpoint.start(metricsAddress, metricsPort, registry,
                    () -> !gate.status().contains(StatusBit.BROKER_UNREACHABLE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + metricsAddress + ":" + metricsPort + ": " + e.getMessage(), e);
        }
    }

    static void printMap(RegisterMap map, PrintWriter out) {
        out.printf("Unit id %d; %d holding registers from %d (one read of %d registers gets everything)%n", map.unitId(),
                map.length(), map.baseAddress(), map.length());
        for (String[] row : map.describe()) {
            out.printf("%-12s %-15s %-6s %s%n", row[0], row[1], row[2], row[3]);
        }
        out.flush();
    }
}
