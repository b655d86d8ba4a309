package io.tessera.gate.map;

/**
 * The registers the PLC reads, as one consistent image: a read sees either all or none of a
 * result's registers and the counter that announces it, because writes and reads take the same
 * lock. Values are unsigned 16-bit.
 */
public final class RegisterImage {
    private final RegisterMap map;
    private final int[] registers;

    public RegisterImage(RegisterMap map) {
        this.map = map;
        this.registers = new int[map.length()];
        registers[map.status().slotCount() - map.baseAddress()] = map.slots();
    }

    public RegisterMap map() {
        return map;
    }

    /** {@code quantity} registers from {@code address}; the caller checks {@link RegisterMap#contains}. */
    public synchronized int[] read(int address, int quantity) {
        if (!map.contains(address, quantity)) {
            throw new IllegalArgumentException("registers " + address + ".." + (address + quantity - 1)
                    + " are outside the map " + map.baseAddress() + ".." + (map.baseAddress() + map.length() - 1));
        }
        int[] out = new int[quantity];
        System.arraycopy(registers, address - map.baseAddress(), out, 0, quantity);
        return out;
    }

    public synchronized int get(int address) {
        return registers[address - map.baseAddress()];
    }

    synchronized void set(int address, int value) {
        registers[address - map.baseAddress()] = value & 0xFFFF;
    }

    public void heartbeat(int value) {
        set(map.status().heartbeat(), value);
    }

    public void status(int value) {
        set(map.status().status(), value);
    }

    public void session(int value) {
        set(map.status().session(), value);
    }

    public void acknowledged(int value) {
        set(map.ack().ack(), value);
    }

    /** Writes {@code slot} and then announces it in the result counter, as one step for readers. */
    public synchronized void publish(int slotIndex, ResultSlot slot) {
        slot.encode(registers, map.ring().slotAddress(slotIndex) - map.baseAddress());
        registers[map.status().resultCounter() - map.baseAddress()] = slot.counter();
    }
}
