package io.tessera.launcher.demo;

import java.time.Clock;
import picocli.CommandLine;

/** The demo as its own JVM with the stand-in model, so a test can stop it with a real signal. */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoCommand((dir, precision) -> new DarkPixelClassifier(), Clock.systemUTC()))
                .execute(args));
    }
}
