package io.tessera.gate.modbus;

import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tessera.gate.GateSettingsException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A Modbus TCP server (the PLC is the client) on one address and port, serving the given functions. */
public final class GateModbusServer implements AutoCloseable {
    private final ModbusTcpServer server;
    private final String bindAddress;
    private final int port;

    private GateModbusServer(ModbusTcpServer server, String bindAddress, int port) {
        this.server = server;
        this.bindAddress = bindAddress;
        this.port = port;
    }

    /**
     * Listens on {@code bindAddress:port} (port 0: any free port, see {@link #port()}).
     *
     * @throws GateSettingsException naming {@code modbus.port} when the address cannot be bound
     */
    public static GateModbusServer start(String bindAddress, int port, ModbusServices services) {
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        NettyTcpServerTransport transport = NettyTcpServerTransport.create(cfg -> {
            cfg.bindAddress = bindAddress;
            cfg.port = port;
            // The library does not say which port it bound; the listening channel does.
            cfg.bootstrapCustomizer = b -> b.handler(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    bound.complete(((InetSocketAddress) ctx.channel().localAddress()).getPort());
                    ctx.fireChannelActive();
                }
            });
        });
        ModbusTcpServer server = ModbusTcpServer.create(transport, services);
        try {
            server.start();
            return new GateModbusServer(server, bindAddress, bound.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new GateSettingsException("modbus.port", "cannot listen on " + bindAddress + ":" + port + ": " + cause.getMessage()
                    + (port < 1024 && port != 0 ? " (ports below 1024 need privileges; try 5020)" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Modbus server", e);
        }
    }

    public int port() {
        return port;
    }

    public String bindAddress() {
        return bindAddress;
    }

    /** Stops listening and closes every PLC connection. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (ExecutionException e) {
            // already unbound or the channel failed: nothing is listening either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
