package io.tessera.kafka.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft broker and controller in one process) running as a child
 * JVM from this JVM's own classpath, listening on loopback.
 *
 * <p>The child formats its storage with {@code kafka.tools.StorageTool --standalone}, then runs
 * {@code kafka.Kafka}. It watches its stdin, whose write end this object holds, and stops when
 * that closes, so it does not outlive its parent even when the parent is killed with
 * {@code SIGKILL}. {@link #close()} stops it gracefully and removes a temporary data dir.
 */
public final class LocalKafka implements KafkaCluster, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_PORT_ATTEMPTS = 3;
    static final String LOG4J_CONFIG = "io/tessera/kafka/local/broker-log4j2.xml";

    private final LocalKafkaSettings settings;
    private final BrokerDir dir;
    private final Process process;
    private final String bootstrapServers;
    private final Admin admin;
    private final Optional<BrokerClassArchive> classArchive;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalKafka(LocalKafkaSettings settings, BrokerDir dir, Process process, String bootstrapServers, Admin admin,
                       Optional<BrokerClassArchive> classArchive) {
        this.settings = settings;
        this.classArchive = classArchive;
        this.dir = dir;
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
    }

    /** Starts a broker with default settings in a fresh temporary folder. */
    public static LocalKafka start() {
        return start(LocalKafkaSettings.defaults());
    }

    /**
     * Starts a broker and returns once it answers {@code describeCluster}.
     *
     * @throws KafkaClusterException when the broker cannot start, with the reason and the end of its log
     */
    public static LocalKafka start(LocalKafkaSettings settings) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(settings);
            } catch (PortTakenException e) {
                // A free port can be taken by another process between choosing it and binding it.
                if (settings.port() != 0 || attempt >= MAX_PORT_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("a chosen port was taken before the broker could bind it; retrying with new ports");
            }
        }
    }

    private static LocalKafka startOnce(LocalKafkaSettings settings) {
        BrokerDir dir = settings.dataDir().map(BrokerDir::persistent).orElseGet(BrokerDir::temporary);
        Process process = null;
        Optional<BrokerClassArchive> classArchive = Optional.empty();
        try {
            awaitPreviousBrokerGone(dir, settings);
            int[] ports = choosePorts(dir, settings);
            Map<String, String> properties = BrokerProperties.render(settings, ports[0], ports[1], dir.logDirs());
            Files.writeString(dir.propertiesFile(), BrokerProperties.toText(properties), StandardCharsets.UTF_8);
            String classpath = brokerClasspath(settings);
            classArchive = settings.classArchiveDir()
                    .flatMap(d -> BrokerClassArchive.forBroker(d, classpath, BrokerClassArchive.currentJvm(), settings.clock()));
            List<String> archiveOptions = classArchive.isPresent() ? classArchive.get().jvmOptions() : List.of();
            Files.writeString(dir.argFile(), jvmArgs(settings, classpath, archiveOptions), StandardCharsets.UTF_8);
            String bootstrap = BrokerProperties.HOST + ":" + ports[0];

            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("@" + dir.argFile());
            command.add(BrokerMain.class.getName());
            command.add(dir.propertiesFile().toString());
            command.add(Uuid.randomUuid().toString());
            command.add(Long.toString(settings.stopTimeout().toSeconds()));
            LOG.info("starting a local Kafka broker on {} (data {}, log {})", bootstrap, dir.root(), dir.logFile());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.logFile().toFile()))
                    .start();
            dir.writeBrokerPid(process.pid());
            Admin admin = awaitReady(process, ports[0], bootstrap, dir, settings);
            LOG.info("local Kafka broker ready on {} (pid {})", bootstrap, process.pid());
            return new LocalKafka(settings, dir, process, bootstrap, admin, classArchive);
        } catch (IOException e) {
            stopProcess(process, settings.stopTimeout());
            classArchive.ifPresent(a -> a.brokerExited(false));
            dir.close();
            throw new KafkaClusterException("cannot start a local Kafka broker in " + dir.root() + ": " + e, e);
        } catch (RuntimeException e) {
            stopProcess(process, settings.stopTimeout());
            classArchive.ifPresent(a -> a.brokerExited(false));
            dir.close();
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void createTopics(int partitions, String... names) {
        new TopicCreator(admin, settings.clock(), TOPIC_TIMEOUT).createTopics(partitions, names);
    }

    @Override
    public Admin admin() {
        return admin;
    }

    /** The child broker process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the child broker process is running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Whether this broker records its class-data archive at exit (there was none yet for its JVM
     * and jars): it is written when the broker stops in order, and later starts are faster.
     */
    public boolean recordsClassArchive() {
        return classArchive.map(BrokerClassArchive::recording).orElse(false);
    }

    /** The folder holding the broker's properties, log and data. */
    public Path dataDir() {
        return dir.root();
    }

    /** The broker's own log (stdout and stderr of the child JVM). */
    public Path logFile() {
        return dir.logFile();
    }

    /** Waits until the broker process ends, e.g. after it was stopped from outside. */
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** Stops the broker gracefully (killing it if that takes too long) and removes a temporary data dir. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        admin.close(Duration.ofSeconds(5));
        boolean orderly = stopProcess(process, settings.stopTimeout());
        classArchive.ifPresent(a -> a.brokerExited(orderly));
        dir.close();
        LOG.info("local Kafka broker on {} stopped", bootstrapServers);
    }

    private static void awaitPreviousBrokerGone(BrokerDir dir, LocalKafkaSettings settings) throws IOException {
        OptionalLong previous = dir.liveBrokerPid();
        if (previous.isEmpty()) {
            return;
        }
        // A broker whose parent was just killed is still shutting down; starting a second one on the
        // same log.dirs would corrupt the first one's metadata log.
        LOG.info("waiting for the previous broker (pid {}) of {} to exit", previous.getAsLong(), dir.root());
        try {
            ProcessHandle.of(previous.getAsLong()).ifPresent(p -> {
                try {
                    p.onExit().get(settings.stopTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new KafkaClusterException("the broker data dir " + dir.root()
                            + " is still used by broker pid " + previous.getAsLong());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaClusterException("interrupted while waiting for broker pid " + previous.getAsLong());
                }
            });
        } catch (UnsupportedOperationException e) {
            throw new IOException("cannot watch process " + previous.getAsLong(), e);
        }
    }

    /** [broker port, controller port]; a kept data dir keeps its ports when they are still free. */
    private static int[] choosePorts(BrokerDir dir, LocalKafkaSettings settings) throws IOException {
        OptionalInt oldBroker = OptionalInt.empty();
        OptionalInt oldController = OptionalInt.empty();
        if (!dir.isTemporary() && Files.exists(dir.propertiesFile())) {
            Properties old = new Properties();
            try (var in = Files.newBufferedReader(dir.propertiesFile(), StandardCharsets.UTF_8)) {
                old.load(in);
            }
            String listeners = old.getProperty("listeners", "");
            oldBroker = listenerPort(listeners, "PLAINTEXT");
            oldController = listenerPort(listeners, "CONTROLLER");
        }
        int[] free = FreePorts.two();
        int broker;
        if (settings.port() != 0) {
            if (!FreePorts.isFree(settings.port())) {
                throw new KafkaClusterException("port " + settings.port() + " on " + BrokerProperties.HOST
                        + " is already in use; choose another port or 0 for any free port");
            }
            broker = settings.port();
        } else if (oldBroker.isPresent() && FreePorts.isFree(oldBroker.getAsInt())) {
            broker = oldBroker.getAsInt();
        } else {
            broker = free[0];
        }
        int controller;
        if (oldController.isPresent() && oldController.getAsInt() != broker && FreePorts.isFree(oldController.getAsInt())) {
            controller = oldController.getAsInt();
        } else {
            controller = free[1] != broker ? free[1] : free[0];
        }
        return new int[] {broker, controller};
    }

    static OptionalInt listenerPort(String listeners, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "://[^:,]+:(\\d+)").matcher(listeners);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /**
     * The child's classpath: the one configured, else this JVM's. When this module is a jar, only
     * the jars are kept: the broker needs nothing from a class folder (the launcher's own classes),
     * and class-data sharing archives nothing from a classpath with one.
     */
    static String brokerClasspath(LocalKafkaSettings settings) {
        return settings.classpath().orElseGet(() -> jarsOnlyWhenBrokerIsAJar(System.getProperty("java.class.path"),
                brokerCodeSource()));
    }

    static String jarsOnlyWhenBrokerIsAJar(String classpath, Optional<Path> brokerCodeSource) {
        if (brokerCodeSource.isEmpty() || !brokerCodeSource.get().toString().endsWith(".jar")) {
            return classpath;
        }
        List<String> jars = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                jars.add(entry);
            }
        }
        return String.join(File.pathSeparator, jars);
    }

    private static Optional<Path> brokerCodeSource() {
        try {
            CodeSource source = BrokerMain.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String jvmArgs(LocalKafkaSettings settings, String classpath, List<String> extraOptions) {
        List<String> args = new ArrayList<>(extraOptions);
        args.addAll(List.of(
                "-Xmx" + settings.heapMegabytes() + "m",
                "-Xss1m",
                // Start-up is CPU-bound (class loading and JIT compilation): with the default C2
                // compiler and G1 a start takes 5-6 s of CPU, 2.6 s with C1 only and the serial
                // collector (measured on a 2-core machine). A broker that was stopped is down for its
                // whole start, and on a machine that also runs the apps every CPU second of it is wall
                // time. A local broker moves a few MB/s, which C1-compiled code and a single-threaded
                // collector on a 512 MB heap handle easily.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                // A broker out of memory is broken; exiting lets start() or the parent see it.
                "-XX:+ExitOnOutOfMemoryError",
                // Kafka logs while its own shutdown hook runs; log4j must not shut down first.
                "-Dlog4j2.shutdownHookEnabled=false",
                "-Dlog4j2.configurationFile=classpath:" + LOG4J_CONFIG,
                "-cp",
                classpath));
        StringBuilder text = new StringBuilder();
        for (String arg : args) {
            // @argfile syntax: quote every argument, escape backslashes and quotes.
            text.append('"').append(arg.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return text.toString();
    }

    private static Admin awaitReady(Process process, int port, String bootstrap, BrokerDir dir,
                                    LocalKafkaSettings settings) {
        Deadline deadline = Deadline.after(settings.clock(), settings.startTimeout());
        Admin admin = null;
        try {
            while (true) {
                if (!process.isAlive()) {
                    String message = "the local Kafka broker exited with code " + process.exitValue()
                            + " while starting" + logTail(dir);
                    throw message.contains("Address already in use")
                            ? new PortTakenException(message) : new KafkaClusterException(message);
                }
                // Create the admin client only once the port is open, so it does not log connection failures.
                if (admin == null && portOpen(port)) {
                    admin = Admin.create(adminConfig(bootstrap));
                }
                if (admin != null && answers(admin)) {
                    return admin;
                }
                if (deadline.passed()) {
                    throw new KafkaClusterException("the local Kafka broker did not answer on " + bootstrap + " within "
                            + settings.startTimeout() + logTail(dir));
                }
                process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAdmin(admin);
            throw new KafkaClusterException("interrupted while waiting for the local Kafka broker", e);
        } catch (RuntimeException e) {
            closeAdmin(admin);
            throw e;
        }
    }

    static Map<String, Object> adminConfig(String bootstrap) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "tessera-local-kafka-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    }

    private static void closeAdmin(Admin admin) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BrokerProperties.HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answers(Admin admin) throws InterruptedException {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                    .nodes().get(6, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    static String logTail(BrokerDir dir) {
        try {
            List<String> lines = Files.readAllLines(dir.logFile(), StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 40), lines.size());
            return "; end of " + dir.logFile() + ":\n" + String.join("\n", tail);
        } catch (IOException | UncheckedIOException e) {
            return "; no broker log at " + dir.logFile();
        }
    }

    /** @return whether the broker exited on its own (code 0), not halted, killed or already gone */
    private static boolean stopProcess(Process process, Duration stopTimeout) {
        if (process == null || !process.isAlive()) {
            return false;
        }
        try {
            // EOF on the child's stdin: its watchdog runs a graceful shutdown.
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // Already closed: fall through to the signals below.
            }
            if (process.waitFor(stopTimeout.toMillis() + 2000, TimeUnit.MILLISECONDS)) {
                return process.exitValue() == 0;
            }
            LOG.warn("local Kafka broker pid {} did not stop within {}, sending SIGTERM", process.pid(), stopTimeout);
            process.destroy();
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return false;
            }
            LOG.warn("local Kafka broker pid {} still running, killing it", process.pid());
            process.destroyForcibly().waitFor();
            return false;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The broker could not bind a port it was given. */
    static final class PortTakenException extends KafkaClusterException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }
}
