package io.tessera.gate;

import io.tessera.gate.cli.GateCommand;
import picocli.CommandLine;

/** {@code tessera gate} in a JVM of its own, so that a test can kill it with SIGKILL. */
public final class GateProcessMain {
    private GateProcessMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GateCommand()).execute(args));
    }
}
