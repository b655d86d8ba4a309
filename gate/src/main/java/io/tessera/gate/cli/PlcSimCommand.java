package io.tessera.gate.cli;

import io.tessera.gate.GateSettingsException;
import io.tessera.gate.core.GatePolicy;
import io.tessera.gate.sim.PlcSimSettings;
import io.tessera.gate.sim.PlcSimulator;
import io.tessera.gate.sim.ShiftRegister;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tessera plc-sim}: a simulated PLC that polls a running gate, for trying a line without one. */
@Command(name = "plc-sim", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "A simulated PLC for 'tessera gate': a Modbus TCP client that reads the gate's whole register map every --poll-ms,"
                    + " takes each new result from its slot and acknowledges it after --ack-delay-ms.",
            "It keeps a shift register of parts from the camera to the reject gate: each part reaches the gate at its"
                    + " result's deadline and is rejected or passed by the policy, which must be the gate's. A lost connection"
                    + " is retried with back-off (50 ms to 2 s); a new gate session (a restarted gate) starts the counter again.",
            "Parts are learned from their results here, so ground truth is unknown: tests feed parts with ground truth and"
                    + " count correct rejects, wrong rejects, escapes and fail-safe rejects.",
            "",
            "Options:"
        })
public final class PlcSimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "plc.host: the gate's address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5020", description = "plc.port: the gate's Modbus TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    MapOptions mapOptions;

    @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "pass-signal",
            description = "gate.policy of the gate: pass-signal or reject-signal (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--poll-ms", paramLabel = "MS", defaultValue = "20", description = "plc.poll-ms: time between two reads (default: ${DEFAULT-VALUE}).")
    long pollMs;

    @Option(names = "--ack-delay-ms", paramLabel = "MS", defaultValue = "0",
            description = "plc.ack-delay-ms: how long the PLC waits before acknowledging what it read (default: ${DEFAULT-VALUE}).")
    long ackDelayMs;

    @Option(names = "--status-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "How often the counts are printed; 0 for never (default: ${DEFAULT-VALUE}).")
    int statusInterval;

    @Override
    public Integer call() throws Exception {
        PlcSimSettings settings;
        GatePolicy gatePolicy;
        try {
            gatePolicy = GatePolicy.parse(policy);
            settings = new PlcSimSettings(host, port, mapOptions.map(), Duration.ofMillis(pollMs), Duration.ofMillis(ackDelayMs),
                    Duration.ofSeconds(1));
        } catch (GateSettingsException e) {
            throw SettingsErrors.usage(spec.commandLine(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (UntilInterrupted until = UntilInterrupted.install();
             PlcSimulator plc = PlcSimulator.start(settings, new ShiftRegister(gatePolicy, Clock.systemUTC()), Clock.systemUTC())) {
            out.printf("Simulated PLC polling %s:%d, unit %d, map at %d, %d slots, %s%n", host, port, settings.map().unitId(),
                    settings.map().baseAddress(), settings.map().slots(), gatePolicy);
            out.flush();
            Runnable status = () -> {
                out.println(GateStatusLine.of(plc));
                out.flush();
            };
            until.await(statusInterval, status);
            status.run();
        }
        return 0;
    }
}
