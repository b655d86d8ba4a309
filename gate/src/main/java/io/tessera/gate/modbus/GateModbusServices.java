package io.tessera.gate.modbus;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import io.tessera.gate.core.BadAcknowledgeException;
import io.tessera.gate.map.RegisterImage;
import io.tessera.gate.map.RegisterMap;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The gate's Modbus functions: holding registers (function 3) and, for PLCs that read status as
 * input registers, the same map as input registers (function 4); writes (6 and 16) to the
 * acknowledge register only. A write is answered only once the acknowledgement is durable, so a
 * PLC whose write succeeded knows that a restarted gate will not present those results again. When
 * that takes longer than {@code ackConfirmTimeout} the answer is "server busy" (exception 6) and the
 * PLC writes the same value again. Other unit ids get "gateway target failed to respond" (11),
 * addresses outside the map "illegal data address" (2), an acknowledgement of nothing "illegal data
 * value" (3).
 */
public final class GateModbusServices implements ModbusServices {
    private final RegisterImage image;
    private final RegisterMap map;
    private final AckSink acks;
    private final Duration ackConfirmTimeout;

    public GateModbusServices(RegisterImage image, AckSink acks, Duration ackConfirmTimeout) {
        this.image = image;
        this.map = image.map();
        this.acks = acks;
        this.ackConfirmTimeout = ackConfirmTimeout;
    }

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(ModbusRequestContext context, int unitId,
                                                             ReadHoldingRegistersRequest request) throws ModbusResponseException {
        return new ReadHoldingRegistersResponse(read(FunctionCode.READ_HOLDING_REGISTERS, unitId, request.address(), request.quantity()));
    }

    @Override
    public ReadInputRegistersResponse readInputRegisters(ModbusRequestContext context, int unitId,
                                                         ReadInputRegistersRequest request) throws ModbusResponseException {
        return new ReadInputRegistersResponse(read(FunctionCode.READ_INPUT_REGISTERS, unitId, request.address(), request.quantity()));
    }

    @Override
    public WriteSingleRegisterResponse writeSingleRegister(ModbusRequestContext context, int unitId,
                                                           WriteSingleRegisterRequest request) throws ModbusResponseException {
        acknowledge(FunctionCode.WRITE_SINGLE_REGISTER, unitId, request.address(), 1, request.value());
        return new WriteSingleRegisterResponse(request.address(), request.value());
    }

    @Override
    public WriteMultipleRegistersResponse writeMultipleRegisters(ModbusRequestContext context, int unitId,
                                                                 WriteMultipleRegistersRequest request) throws ModbusResponseException {
        byte[] v = request.values();
        int value = v.length >= 2 ? ((v[0] & 0xFF) << 8) | (v[1] & 0xFF) : -1;
        acknowledge(FunctionCode.WRITE_MULTIPLE_REGISTERS, unitId, request.address(), request.quantity(), value);
        return new WriteMultipleRegistersResponse(request.address(), request.quantity());
    }

    private byte[] read(FunctionCode fc, int unitId, int address, int quantity) throws ModbusResponseException {
        checkUnit(fc, unitId);
        ModbusServices.checkRegisterRange(fc.getCode(), address, quantity);
        if (!map.contains(address, quantity)) {
            throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        int[] regs = image.read(address, quantity);
        byte[] out = new byte[quantity * 2];
        for (int i = 0; i < quantity; i++) {
            out[2 * i] = (byte) (regs[i] >>> 8);
            out[2 * i + 1] = (byte) regs[i];
        }
        return out;
    }

    private void acknowledge(FunctionCode fc, int unitId, int address, int quantity, int value) throws ModbusResponseException {
        checkUnit(fc, unitId);
        if (address != map.ack().ack() || quantity != 1) {
            throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        try {
            acks.acknowledge(value).get(ackConfirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BadAcknowledgeException) {
                throw new ModbusResponseException(fc, ExceptionCode.ILLEGAL_DATA_VALUE);
            }
            throw new ModbusResponseException(fc, ExceptionCode.SLAVE_DEVICE_BUSY);
        } catch (TimeoutException e) {
            throw new ModbusResponseException(fc, ExceptionCode.SLAVE_DEVICE_BUSY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModbusResponseException(fc, ExceptionCode.SLAVE_DEVICE_BUSY);
        }
    }

    private void checkUnit(FunctionCode fc, int unitId) throws ModbusResponseException {
        if (unitId != map.unitId()) {
            throw new ModbusResponseException(fc, ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPONSE);
        }
    }
}
