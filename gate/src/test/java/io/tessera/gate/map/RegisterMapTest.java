package io.tessera.gate.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.gate.GateSettingsException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RegisterMapTest {

    @Test
    void blocksSitAtFixedOffsetsFromTheBase() {
        RegisterMap map = new RegisterMap(100, 7, 8);
        assertThat(map.status().heartbeat()).isEqualTo(100);
        assertThat(map.status().status()).isEqualTo(101);
        assertThat(map.status().resultCounter()).isEqualTo(102);
        assertThat(map.status().session()).isEqualTo(103);
        assertThat(map.status().slotCount()).isEqualTo(104);
        assertThat(map.ack().ack()).isEqualTo(105);
        assertThat(map.ring().address()).isEqualTo(108);
        assertThat(map.ring().slotAddress(0)).isEqualTo(108);
        assertThat(map.ring().slotAddress(7)).isEqualTo(108 + 7 * 8);
        assertThat(map.length()).isEqualTo(8 + 8 * 8);
        assertThat(map.contains(100, 72)).isTrue();
        assertThat(map.contains(100, 73)).isFalse();
        assertThat(map.contains(99, 1)).isFalse();
    }

    @Test
    void resultNumbersGoRoundTheRing() {
        RingBlock ring = new RegisterMap(0, 1, 3).ring();
        assertThat(ring.slotOf(1)).isZero();
        assertThat(ring.slotOf(3)).isEqualTo(2);
        assertThat(ring.slotOf(4)).isZero();
        assertThat(ring.slotOf(70_000)).isEqualTo((70_000 - 1) % 3);
    }

    @Test
    void theLargestMapIsOneRead() {
        RegisterMap map = new RegisterMap(0, 1, RegisterMap.MAX_SLOTS);
        assertThat(map.length()).isLessThanOrEqualTo(RegisterMap.MAX_READ);
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> new RegisterMap(65_500, 1, 8))
                .isInstanceOf(GateSettingsException.class)
                .hasMessageStartingWith("modbus.base-address: ")
                .hasMessageContaining("65535")
                .hasMessageContaining("at most 65464");
        assertThatThrownBy(() -> new RegisterMap(-1, 1, 8)).hasMessageStartingWith("modbus.base-address: ");
        assertThatThrownBy(() -> new RegisterMap(0, 256, 8)).hasMessageStartingWith("modbus.unit-id: ");
        assertThatThrownBy(() -> new RegisterMap(0, 1, 0)).hasMessageStartingWith("gate.slots: ");
        assertThatThrownBy(() -> new RegisterMap(0, 1, RegisterMap.MAX_SLOTS + 1)).hasMessageStartingWith("gate.slots: ");
        assertThat(new RegisterMap(65_464, 255, 8).length()).isEqualTo(72);
    }

    @Test
    void aSlotRoundTripsThroughItsRegisters() {
        ResultSlot slot = new ResultSlot(65_535, 0xDEAD_BEEFL, DecisionCode.DEFECT, 937, 2_500, 1_767_225_600L);
        int[] regs = new int[10];
        slot.encode(regs, 2);
        assertThat(regs[2]).isEqualTo(65_535);
        assertThat(regs[3]).isEqualTo(0xDEAD);
        assertThat(regs[4]).isEqualTo(0xBEEF);
        assertThat(regs[5]).isEqualTo(2);
        assertThat(regs[6]).isEqualTo(937);
        assertThat(regs[7]).isEqualTo(2_500);
        assertThat(ResultSlot.decode(regs, 2)).isEqualTo(slot);
        assertThat(ResultSlot.decode(new int[8], 0)).as("never written").isNull();
    }

    @Test
    void scoresAndTimeLeftAreClampedToTheirRegisters() {
        assertThat(ResultSlot.scoreMilli(0.9374)).isEqualTo(937);
        assertThat(ResultSlot.scoreMilli(1.0)).isEqualTo(1000);
        assertThat(ResultSlot.millisLeft(-5)).isZero();
        assertThat(ResultSlot.millisLeft(100_000)).isEqualTo(65_535);
        assertThat(DecisionCode.fromCode(3)).contains(DecisionCode.UNKNOWN);
        assertThat(DecisionCode.fromCode(0)).isEmpty();
    }

    @Test
    void theImagePublishesASlotWithItsCounterAndRefusesReadsOutsideTheMap() {
        RegisterMap map = new RegisterMap(10, 1, 2);
        RegisterImage image = new RegisterImage(map);
        assertThat(image.get(map.status().slotCount())).isEqualTo(2);
        image.publish(1, new ResultSlot(2, 42, DecisionCode.OK, 10, 1000, 5));
        int[] all = image.read(10, map.length());
        assertThat(all[2]).as("result counter").isEqualTo(2);
        assertThat(ResultSlot.decode(all, RegisterMap.RING_OFFSET + ResultSlot.LENGTH).sequence()).isEqualTo(42);
        assertThatThrownBy(() -> image.read(9, 2)).hasMessageContaining("outside the map 10..33");
    }

    @Test
    void statusBitsRoundTrip() {
        int value = StatusBit.toRegister(EnumSet.of(StatusBit.MODEL_ERROR, StatusBit.RING_FULL));
        assertThat(value).isEqualTo(0b100001);
        assertThat(StatusBit.fromRegister(value)).containsExactlyInAnyOrder(StatusBit.MODEL_ERROR, StatusBit.RING_FULL);
    }
}
