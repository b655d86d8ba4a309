package io.tessera.launcher.demo;

import picocli.CommandLine;

/** The demo, with the shipped model, as its own JVM, so a test can stop it with a real signal. */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoCommand()).execute(args));
    }
}
