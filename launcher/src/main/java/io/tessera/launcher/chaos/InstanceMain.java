package io.tessera.launcher.chaos;

import io.tessera.stream.cli.InspectCommand;
import java.io.IOException;
import java.io.InputStream;
import picocli.CommandLine;

/**
 * The entry point of a chaos run's inspect instance: {@code tessera inspect} that also ends when
 * its parent does. The parent holds the write end of this JVM's stdin; EOF there (the parent
 * closed it, or died, even by SIGKILL) exits the JVM, which runs the app's orderly shutdown hook.
 * So a chaos run that is itself killed leaves no inspect instance behind.
 */
public final class InstanceMain {

    private InstanceMain() {
    }

    public static void main(String[] args) {
        Thread watch = new Thread(() -> {
            awaitEof(System.in);
            System.exit(0);
        }, "tessera-chaos-parent-watch");
        watch.setDaemon(true);
        watch.start();
        System.exit(new CommandLine(new InspectCommand()).execute(args));
    }

    private static void awaitEof(InputStream in) {
        byte[] buffer = new byte[64];
        try {
            while (in.read(buffer) >= 0) {
                // the parent writes nothing; only the end matters
            }
        } catch (IOException e) {
            // a broken pipe is an end too
        }
    }
}
