package io.tessera.gate.map;

import io.tessera.gate.GateSettingsException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the gate's holding registers are. Every block sits at a fixed offset from one base
 * address, so a PLC program needs two numbers (base and slot count) to find everything, and the
 * whole map fits one read request (at most 125 registers):
 * <pre>
 * base+0  status block   heartbeat, status bits, result counter, session, slot count   (read)
 * base+5  ack block      acknowledge register                                        (PLC writes)
 * base+6  reserved       reads 0
 * base+8  ring block     slots x 8 registers                                         (read)
 * </pre>
 * Addresses are Modbus protocol addresses (0-based); a PLC that counts holding registers from
 * 40001 adds 40001.
 *
 * @param baseAddress first register of the map ({@code modbus.base-address})
 * @param unitId      the unit id the gate answers to ({@code modbus.unit-id})
 * @param slots       ring size: results the PLC may have unacknowledged at once ({@code gate.slots})
 */
public record RegisterMap(int baseAddress, int unitId, int slots) {
    public static final String KEY_BASE_ADDRESS = "modbus.base-address";
    public static final String KEY_UNIT_ID = "modbus.unit-id";
    public static final String KEY_SLOTS = "gate.slots";

    public static final int ACK_OFFSET = StatusBlock.LENGTH;
    public static final int RING_OFFSET = 8;
    /** The most registers one Modbus read may return; the map is kept within it. */
    public static final int MAX_READ = 125;
    public static final int MAX_SLOTS = (MAX_READ - RING_OFFSET) / ResultSlot.LENGTH;

    public RegisterMap {
        if (unitId < 0 || unitId > 255) {
            throw new GateSettingsException(KEY_UNIT_ID, "must be 0..255, got " + unitId);
        }
        if (slots < 1 || slots > MAX_SLOTS) {
            throw new GateSettingsException(KEY_SLOTS, "must be 1.." + MAX_SLOTS
                    + " so that the whole map is one read of at most " + MAX_READ + " registers, got " + slots);
        }
        if (baseAddress < 0 || baseAddress > 0xFFFF) {
            throw new GateSettingsException(KEY_BASE_ADDRESS, "must be a register address 0..65535, got " + baseAddress);
        }
        int last = baseAddress + RING_OFFSET + slots * ResultSlot.LENGTH - 1;
        if (last > 0xFFFF) {
            throw new GateSettingsException(KEY_BASE_ADDRESS, "the map of " + (last - baseAddress + 1)
                    + " registers starting at " + baseAddress + " ends at " + last
                    + ", past the last Modbus register 65535; use a base address of at most "
                    + (0xFFFF - (last - baseAddress)));
        }
    }

    /** The defaults: base 0, unit 1, 8 slots. */
    public static RegisterMap defaults() {
        return new RegisterMap(0, 1, 8);
    }

    public StatusBlock status() {
        return new StatusBlock(baseAddress);
    }

    public AckBlock ack() {
        return new AckBlock(baseAddress + ACK_OFFSET);
    }

    public RingBlock ring() {
        return new RingBlock(baseAddress + RING_OFFSET, slots);
    }

    /** Registers in the map, from the base address to the last slot's last register. */
    public int length() {
        return RING_OFFSET + slots * ResultSlot.LENGTH;
    }

    /** True when {@code quantity} registers from {@code address} are all inside the map. */
    public boolean contains(int address, int quantity) {
        return quantity >= 1 && address >= baseAddress && address + quantity <= baseAddress + length();
    }

    /** The map as table rows (address, name, access, meaning), for --help and the README. */
    public List<String[]> describe() {
        List<String[]> rows = new ArrayList<>();
        StatusBlock s = status();
        rows.add(new String[] {"" + s.heartbeat(), "heartbeat", "read", "seconds since the gate started, mod 65536: changes every second"});
        rows.add(new String[] {"" + s.status(), "status", "read", "bit 0 model error, 1 broker unreachable, 2 result late, 3 result unacknowledged, 4 PLC not acknowledging, 5 ring full"});
        rows.add(new String[] {"" + s.resultCounter(), "result counter", "read", "counter value of the newest result written; 0 = none yet this session"});
        rows.add(new String[] {"" + s.session(), "session", "read", "changes at every gate start; counter and acknowledge restart from 0"});
        rows.add(new String[] {"" + s.slotCount(), "slot count", "read", "ring size N"});
        rows.add(new String[] {"" + ack().ack(), "acknowledge", "write", "the PLC writes the counter value of the newest result it consumed"});
        RingBlock r = ring();
        rows.add(new String[] {r.address() + ".." + (r.address() + r.length() - 1), "ring", "read",
            "N slots of 8: counter, sequence hi, sequence lo, decision (1 OK, 2 DEFECT, 3 UNKNOWN), score x1000, "
                    + "ms left to deadline, deadline epoch s hi, lo"});
        return rows;
    }
}
