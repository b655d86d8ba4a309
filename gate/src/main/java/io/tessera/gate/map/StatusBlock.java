package io.tessera.gate.map;

/**
 * Read-only registers that tell the PLC whether Tessera is alive and what it has written.
 *
 * @param address first register (protocol address, 0-based)
 */
public record StatusBlock(int address) {
    public static final int LENGTH = 5;

    /** Changes every second while the gate runs: seconds since start, modulo 65536. */
    public int heartbeat() {
        return address;
    }

    /** {@link StatusBit}s. */
    public int status() {
        return address + 1;
    }

    /** The result counter: counter value of the newest result written (0: none yet this session). */
    public int resultCounter() {
        return address + 2;
    }

    /** Changes whenever the gate starts; the counter and the acknowledge register start again from 0. */
    public int session() {
        return address + 3;
    }

    /** How many slots the ring has, so a PLC program can check its own configuration. */
    public int slotCount() {
        return address + 4;
    }
}
