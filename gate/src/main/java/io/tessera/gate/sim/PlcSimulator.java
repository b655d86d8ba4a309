package io.tessera.gate.sim;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusException;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import io.tessera.gate.map.RegisterMap;
import io.tessera.gate.map.ResultSlot;
import io.tessera.gate.map.StatusBit;
import io.tessera.protocol.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PLC on the other end of the gate's Modbus TCP server, as a line integrator would program one:
 * it polls the whole register map in one read, takes each new result from its slot, feeds it to the
 * {@link ShiftRegister}, and after {@code ackDelay} writes the newest counter value it consumed to
 * the acknowledge register. A new session id means the gate restarted: the counter starts again
 * and results it had read but not seen confirmed are forgotten (the gate presents them again). A
 * lost connection is retried with back-off from 50 ms to 2 s; {@link #goOffline()} pulls the
 * cable, keeping the PLC's state.
 */
public final class PlcSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlcSimulator.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    /** A result as the PLC read it. */
    public record Observation(int session, int counter, long sequence, Decision decision, int scoreMilli,
                              int millisLeft, Instant observedAt) {
    }

    /** What the PLC has seen so far. */
    public record Stats(List<Observation> observed, List<Observation> confirmed, int sessions, long connects, long connectFailures,
                        long readFailures, long acknowledgements, long ackFailures, EnumSet<StatusBit> lastStatus,
                        int lastHeartbeat, boolean connected) {
    }

    private final PlcSimSettings settings;
    private final RegisterMap map;
    private final ShiftRegister register;
    private final Clock clock;
    private final ModbusTcpClient client;
    private final Thread thread;

    private volatile boolean running = true;
    private volatile boolean offline;
    private volatile boolean holdAcks;

    // loop thread state, published through synchronized stats()
    private final List<Observation> observed = new ArrayList<>();
    private final List<Observation> confirmed = new ArrayList<>();
    private final List<Observation> unconfirmed = new ArrayList<>();
    private int session;
    private int sessions;
    private int seenThrough;
    private Instant firstUnconfirmedAt;
    private long connects;
    private long connectFailures;
    private long readFailures;
    private long acknowledgements;
    private long ackFailures;
    private EnumSet<StatusBit> lastStatus = EnumSet.noneOf(StatusBit.class);
    private int lastHeartbeat = -1;
    private Duration backoff = MIN_BACKOFF;

    private PlcSimulator(PlcSimSettings settings, ShiftRegister register, Clock clock) {
        this.settings = settings;
        this.map = settings.map();
        this.register = register;
        this.clock = clock;
        NettyTcpClientTransport transport = NettyTcpClientTransport.create(cfg -> {
            cfg.hostname = settings.host();
            cfg.port = settings.port();
            cfg.connectTimeout = settings.timeout();
            // reconnecting is this class's job, with its own back-off and counts
            cfg.connectPersistent = false;
        });
        // Counted here, not in connect(): a request on a closed channel also makes the library connect again.
        transport.addConnectionListener(new NettyTcpClientTransport.ConnectionListener() {
            @Override
            public void onConnection() {
                synchronized (PlcSimulator.this) {
                    connects++;
                }
            }

            @Override
            public void onConnectionLost() {
                // the next cycle notices and reconnects with back-off
            }
        });
        this.client = ModbusTcpClient.create(transport, cfg -> cfg.requestTimeout = settings.timeout());
        this.thread = new Thread(this::loop, "plc-sim");
        this.thread.setDaemon(true);
    }

    public static PlcSimulator start(PlcSimSettings settings, ShiftRegister register, Clock clock) {
        PlcSimulator sim = new PlcSimulator(settings, register, clock);
        sim.thread.start();
        return sim;
    }

    /** While true the PLC reads but does not acknowledge (a PLC program stuck, or in STOP). */
    public void holdAcknowledgements(boolean hold) {
        holdAcks = hold;
    }

    /** Pulls the cable: the connection closes and stays closed until {@link #goOnline()}; state is kept. */
    public void goOffline() {
        offline = true;
    }

    public void goOnline() {
        offline = false;
    }

    public ShiftRegister shiftRegister() {
        return register;
    }

    public synchronized Stats stats() {
        return new Stats(List.copyOf(observed), List.copyOf(confirmed), sessions, connects, connectFailures, readFailures,
                acknowledgements, ackFailures, lastStatus.clone(),
                lastHeartbeat, client.isConnected());
    }

    private void loop() {
        while (running) {
            register.advance();
            if (offline) {
                disconnectQuietly();
                sleep(settings.pollInterval());
                continue;
            }
            if (!client.isConnected() && !connect()) {
                continue;
            }
            try {
                cycle();
            } catch (ModbusException e) {
                synchronized (this) {
                    readFailures++;
                }
                LOG.debug("PLC poll failed: {}", e.toString());
                disconnectQuietly();
            }
            register.advance();
            sleep(settings.pollInterval());
        }
        disconnectQuietly();
    }

    private boolean connect() {
        try {
            client.connectAsync().toCompletableFuture().get(settings.timeout().toMillis() + 500, TimeUnit.MILLISECONDS);
            backoff = MIN_BACKOFF;
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                connectFailures++;
            }
            disconnectQuietly();
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            return false;
        }
    }

    private void cycle() throws ModbusException {
        byte[] bytes = client.readHoldingRegisters(map.unitId(),
                new ReadHoldingRegistersRequest(map.baseAddress(), map.length())).registers();
        int[] regs = new int[bytes.length / 2];
        for (int i = 0; i < regs.length; i++) {
            regs[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        Instant now = clock.instant();
        int base = map.baseAddress();
        int counter = regs[map.status().resultCounter() - base];
        int sessionNow = regs[map.status().session() - base];
        synchronized (this) {
            lastHeartbeat = regs[map.status().heartbeat() - base];
            lastStatus = StatusBit.fromRegister(regs[map.status().status() - base]);
            if (sessionNow != session) {
                if (session != 0) {
                    LOG.info("PLC: gate session changed {} -> {}; {} results read but not confirmed may be presented again",
                            session, sessionNow, unconfirmed.size());
                }
                session = sessionNow;
                sessions++;
                seenThrough = 0;
                unconfirmed.clear();
                firstUnconfirmedAt = null;
            }
            int ahead = (counter - seenThrough) & 0xFFFF;
            for (int i = 1; i <= ahead; i++) {
                int wanted = (seenThrough + i) & 0xFFFF;
                ResultSlot slot = findSlot(regs, wanted);
                if (slot == null) {
                    LOG.warn("PLC: result {} is in no slot (counter {}); the ring was overwritten", wanted, counter);
                    continue;
                }
                Observation o = new Observation(session, wanted, slot.sequence(), slot.decision().decision(), slot.scoreMilli(),
                        slot.millisLeft(), now);
                observed.add(o);
                unconfirmed.add(o);
                if (firstUnconfirmedAt == null) {
                    firstUnconfirmedAt = now;
                }
                register.result(slot.sequence(), slot.decision().decision(), now.plusMillis(slot.millisLeft()));
            }
            seenThrough = counter;
        }
        acknowledgeIfDue(now);
    }

    private ResultSlot findSlot(int[] regs, int counter) {
        for (int s = 0; s < map.slots(); s++) {
            int offset = map.ring().slotAddress(s) - map.baseAddress();
            ResultSlot slot = ResultSlot.decode(regs, offset);
            if (slot != null && slot.counter() == counter) {
                return slot;
            }
        }
        return null;
    }

    private void acknowledgeIfDue(Instant now) throws ModbusException {
        int upTo;
        synchronized (this) {
            if (holdAcks || unconfirmed.isEmpty() || now.isBefore(firstUnconfirmedAt.plus(settings.ackDelay()))) {
                return;
            }
            upTo = seenThrough;
        }
        try {
            client.writeSingleRegister(map.unitId(), new WriteSingleRegisterRequest(map.ack().ack(), upTo));
        } catch (ModbusResponseException e) {
            // busy (not yet durable) or refused: the same value goes again next cycle
            synchronized (this) {
                ackFailures++;
            }
            return;
        }
        synchronized (this) {
            acknowledgements++;
            confirmed.addAll(unconfirmed);
            unconfirmed.clear();
            firstUnconfirmedAt = null;
        }
    }

    private void disconnectQuietly() {
        if (client.isConnected()) {
            try {
                client.disconnectAsync().toCompletableFuture().get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        disconnectQuietly();
    }
}
