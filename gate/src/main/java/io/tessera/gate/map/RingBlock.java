package io.tessera.gate.map;

/**
 * The last {@code slots} results, {@link ResultSlot#LENGTH} registers each. Result number
 * {@code n} (1, 2, ... this session) goes to slot {@code (n - 1) mod slots}; a slot is reused only
 * after the PLC acknowledged its result, so an unacknowledged result is never overwritten.
 *
 * @param address first register of slot 0
 * @param slots   number of slots
 */
public record RingBlock(int address, int slots) {

    public int slotAddress(int slot) {
        if (slot < 0 || slot >= slots) {
            throw new IndexOutOfBoundsException("slot " + slot + " of " + slots);
        }
        return address + slot * ResultSlot.LENGTH;
    }

    public int length() {
        return slots * ResultSlot.LENGTH;
    }

    /** The slot of result number {@code n} (counted from 1 in a session). */
    public int slotOf(long n) {
        return (int) ((n - 1) % slots);
    }
}
