package io.tessera.gate.map;

/**
 * The one register the PLC writes: the counter value of the newest result it consumed. An
 * acknowledgement covers every earlier result too, like a TCP acknowledgement.
 *
 * @param address the register (protocol address, 0-based)
 */
public record AckBlock(int address) {
    public static final int LENGTH = 1;

    public int ack() {
        return address;
    }
}
