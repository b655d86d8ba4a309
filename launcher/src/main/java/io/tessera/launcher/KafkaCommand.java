package io.tessera.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tessera kafka <tool> ...}: the real Apache Kafka command-line tools, from Tessera's own
 * classpath, with every argument passed through unchanged.
 */
@Command(
        name = KafkaCommand.NAME,
        mixinStandardHelpOptions = true,
        description = {
            "Runs an Apache Kafka command-line tool.",
            "The same classes as Kafka's bin/*.sh scripts, from Tessera's own classpath. Every argument after the "
                    + "tool name goes to the tool unchanged; '--help' after it shows the tool's own help. Without "
                    + "--bootstrap-server the tools use $KAFKA_BOOTSTRAP, or 127.0.0.1:9092, the default of "
                    + "'./tessera broker'."},
        footer = {
            "",
            "Examples:",
            "  ./tessera kafka topics --create --topic frames --partitions 3",
            "  ./tessera kafka topics --list",
            "  ./tessera kafka console-producer --topic test",
            "  ./tessera kafka console-consumer --topic test --from-beginning",
            "  ./tessera kafka consumer-groups --describe --all-groups"},
        subcommands = {
            KafkaCommand.Topics.class,
            KafkaCommand.ConsoleProducer.class,
            KafkaCommand.ConsoleConsumer.class,
            KafkaCommand.ConsumerGroups.class,
            KafkaCommand.GetOffsets.class,
            KafkaCommand.Configs.class,
            KafkaCommand.MetadataQuorum.class})
final class KafkaCommand implements Runnable {

    static final String NAME = "kafka";
    static final int DEFAULT_PORT = 9092;
    static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a Kafka tool, e.g. 'tessera kafka topics --list'");
    }

    /** Tool arguments look like options; picocli must hand all of them over untouched. */
    static void configurePassThrough(CommandLine kafka) {
        for (CommandLine tool : kafka.getSubcommands().values()) {
            tool.setUnmatchedOptionsArePositionalParams(true);
            tool.setStopAtPositional(true);
            tool.setStopAtUnmatched(true);
        }
    }

    /** The default address: {@code $KAFKA_BOOTSTRAP}, else the default port of {@code tessera broker}. */
    static String defaultBootstrap(String fromEnv) {
        return fromEnv == null || fromEnv.isBlank() ? "127.0.0.1:" + DEFAULT_PORT : fromEnv.trim();
    }

    /** Adds {@code --bootstrap-server} unless the user gave one or only asks for help or the version. */
    static List<String> withBootstrap(List<String> args, String bootstrap) {
        for (String arg : args) {
            if (arg.equals("--bootstrap-server") || arg.startsWith("--bootstrap-server=")
                    || arg.equals("--bootstrap-controller") || arg.startsWith("--bootstrap-controller=")
                    || arg.equals("--help") || arg.equals("-h") || arg.equals("--version")) {
                return List.copyOf(args);
            }
        }
        List<String> out = new ArrayList<>(args.size() + 2);
        out.add("--bootstrap-server");
        out.add(bootstrap);
        out.addAll(args);
        return out;
    }

    /** One pass-through tool: a name, its Kafka main class, and the arguments for it. */
    abstract static class Tool implements Callable<Integer> {

        @Parameters(paramLabel = "ARG", description = "Passed unchanged to the Kafka tool; '--help' shows its options.")
        List<String> args = new ArrayList<>();

        abstract String mainClass();

        @Override
        public Integer call() throws Exception {
            List<String> full = withBootstrap(args, defaultBootstrap(System.getenv(BOOTSTRAP_ENV)));
            Method main = Class.forName(mainClass()).getMethod("main", String[].class);
            try {
                // Kafka tools end the JVM themselves (Exit.exit) with their own status.
                main.invoke(null, (Object) full.toArray(new String[0]));
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
            return 0;
        }
    }

    @Command(name = "topics", description = "Create, list, describe, alter and delete topics (kafka-topics.sh).")
    static final class Topics extends Tool {
        @Override
        String mainClass() {
            return "org.apache.kafka.tools.TopicCommand";
        }
    }

    @Command(name = "console-producer", description = "Send lines from stdin as records (kafka-console-producer.sh).")
    static final class ConsoleProducer extends Tool {
        @Override
        String mainClass() {
            return "org.apache.kafka.tools.ConsoleProducer";
        }
    }

    @Command(name = "console-consumer", description = "Print records of a topic (kafka-console-consumer.sh).")
    static final class ConsoleConsumer extends Tool {
        @Override
        String mainClass() {
            return "org.apache.kafka.tools.consumer.ConsoleConsumer";
        }
    }

    @Command(name = "consumer-groups", description = "List, describe and reset consumer groups (kafka-consumer-groups.sh).")
    static final class ConsumerGroups extends Tool {
        @Override
        String mainClass() {
            return "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";
        }
    }

    @Command(name = "get-offsets", description = "Show partition offsets of topics (kafka-get-offsets.sh).")
    static final class GetOffsets extends Tool {
        @Override
        String mainClass() {
            return "org.apache.kafka.tools.GetOffsetShell";
        }
    }

    @Command(name = "configs", description = "Describe and alter topic, broker and client configs (kafka-configs.sh).")
    static final class Configs extends Tool {
        @Override
        String mainClass() {
            return "org.apache.kafka.tools.ConfigCommand";
        }
    }

    @Command(name = "metadata-quorum", description = "Describe the KRaft controller quorum (kafka-metadata-quorum.sh).")
    static final class MetadataQuorum extends Tool {
        @Override
        String mainClass() {
            return "org.apache.kafka.tools.MetadataQuorumCommand";
        }
    }
}
