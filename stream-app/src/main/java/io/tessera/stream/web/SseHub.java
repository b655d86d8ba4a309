package io.tessera.stream.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events to every open page. Each page has a bounded queue: a page that cannot keep
 * up (a stalled tab, a slow link) is disconnected instead of growing the server's memory, and its
 * browser reconnects and starts again from a fresh snapshot.
 */
final class SseHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SseHub.class);
    private static final int QUEUE_CAPACITY = 2_048;
    private static final long KEEPALIVE_SECONDS = 15;
    private static final byte[] CLOSE = new byte[0];

    private final ObjectMapper mapper;
    private final int maxClients;
    private final Set<BlockingQueue<byte[]>> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    SseHub(ObjectMapper mapper, int maxClients) {
        this.mapper = mapper;
        this.maxClients = maxClients;
    }

    int clients() {
        return clients.size();
    }

    /** Sends an event to every page. */
    void broadcast(String event, Object data) {
        byte[] message = encode(event, data);
        for (BlockingQueue<byte[]> queue : clients) {
            if (!queue.offer(message)) {
                LOG.info("a dashboard page fell {} events behind; disconnecting it so it reconnects", QUEUE_CAPACITY);
                queue.clear();
                queue.offer(CLOSE);
                clients.remove(queue);
            }
        }
    }

    /**
     * Serves one page until it goes away or the hub closes: the first event is the snapshot, then
     * every broadcast. The page registers before the snapshot is taken, so nothing falls between
     * the two; the page drops what it already has.
     */
    void serve(HttpExchange exchange, Supplier<Object> snapshot) throws IOException {
        if (closed || clients.size() >= maxClients) {
            byte[] body = "too many dashboard pages open\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            return;
        }
        BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        clients.add(queue);
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            out.write(encode("snapshot", snapshot.get()));
            out.flush();
            while (!closed) {
                byte[] message = queue.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                if (message == CLOSE) {
                    break;
                }
                // A comment line every few seconds shows a closed connection as a failed write.
                out.write(message == null ? ": keepalive\n\n".getBytes(StandardCharsets.UTF_8) : message);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("dashboard page went away: {}", e.toString());
        } finally {
            clients.remove(queue);
        }
    }

    private byte[] encode(String event, Object data) {
        try {
            // JSON from Jackson has no raw newlines, so one data line per event is enough.
            return ("event: " + event + "\ndata: " + mapper.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (BlockingQueue<byte[]> queue : clients) {
            queue.clear();
            queue.offer(CLOSE);
        }
        clients.clear();
    }
}
