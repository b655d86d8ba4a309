package io.tessera.gate.map;

import java.util.Objects;

/**
 * One result as the PLC reads it, {@value #LENGTH} registers:
 * <pre>
 * +0 counter          the result counter value this slot holds (matches the status block's counter)
 * +1 sequence high    frame sequence, bits 31..16 (the sequence modulo 2^32)
 * +2 sequence low     bits 15..0
 * +3 decision         1 OK, 2 DEFECT, 3 UNKNOWN (0: slot never written)
 * +4 score x1000      the frame's defect score, 0..1000
 * +5 time left, ms    deadline minus write time, saturated at 65535: a PLC without a synchronised clock
 *                     starts its own timer with it
 * +6 deadline high    deadline, epoch seconds, bits 31..16
 * +7 deadline low     bits 15..0
 * </pre>
 */
public record ResultSlot(int counter, long sequence, DecisionCode decision, int scoreMilli, int millisLeft,
                         long deadlineEpochSeconds) {
    public static final int LENGTH = 8;

    public ResultSlot {
        requireWord(counter, "counter");
        requireWord(scoreMilli, "scoreMilli");
        requireWord(millisLeft, "millisLeft");
        if (sequence < 0 || sequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence must fit 32 bits, got " + sequence);
        }
        if (deadlineEpochSeconds < 0 || deadlineEpochSeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("deadline must fit 32 bits of epoch seconds, got " + deadlineEpochSeconds);
        }
        Objects.requireNonNull(decision, "decision");
    }

    /** The score of a verdict in the slot's unit: thousandths, rounded. */
    public static int scoreMilli(double score) {
        return (int) Math.round(Math.max(0.0, Math.min(1.0, score)) * 1000.0);
    }

    /** A time budget in milliseconds as the slot carries it: clamped to 0..65535. */
    public static int millisLeft(long millis) {
        return (int) Math.max(0, Math.min(0xFFFF, millis));
    }

    public void encode(int[] registers, int offset) {
        registers[offset] = counter;
        registers[offset + 1] = (int) (sequence >>> 16) & 0xFFFF;
        registers[offset + 2] = (int) sequence & 0xFFFF;
        registers[offset + 3] = decision.code();
        registers[offset + 4] = scoreMilli;
        registers[offset + 5] = millisLeft;
        registers[offset + 6] = (int) (deadlineEpochSeconds >>> 16) & 0xFFFF;
        registers[offset + 7] = (int) deadlineEpochSeconds & 0xFFFF;
    }

    /** The slot at {@code offset}, or null when it was never written (decision code 0) or holds an unknown code. */
    public static ResultSlot decode(int[] registers, int offset) {
        DecisionCode decision = DecisionCode.fromCode(registers[offset + 3]).orElse(null);
        if (decision == null) {
            return null;
        }
        long sequence = ((long) registers[offset + 1] << 16) | registers[offset + 2];
        long deadline = ((long) registers[offset + 6] << 16) | registers[offset + 7];
        return new ResultSlot(registers[offset], sequence, decision, registers[offset + 4], registers[offset + 5], deadline);
    }

    private static void requireWord(int v, String name) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(name + " must fit an unsigned 16-bit register, got " + v);
        }
    }
}
