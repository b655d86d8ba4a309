package io.tessera.gate.cli;

import io.tessera.gate.map.RegisterMap;
import picocli.CommandLine.Option;

/** The register map's settings, shared by the gate and the PLC simulator (they must agree). */
public final class MapOptions {
    @Option(names = "--base-address", paramLabel = "ADDRESS",
            description = "modbus.base-address: first holding register of the map, protocol address from 0 (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    int baseAddress;

    @Option(names = "--unit-id", paramLabel = "ID", description = "modbus.unit-id: unit id the gate answers to, 0..255 (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int unitId;

    @Option(names = "--slots", paramLabel = "N",
            description = "gate.slots: results in the ring, 1.." + RegisterMap.MAX_SLOTS
                    + "; also the most results the PLC may leave unacknowledged (default: ${DEFAULT-VALUE}).",
            defaultValue = "8")
    int slots;

    RegisterMap map() {
        return new RegisterMap(baseAddress, unitId, slots);
    }
}
