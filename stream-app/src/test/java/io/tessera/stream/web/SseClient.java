package io.tessera.stream.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads a server-sent-events stream the way a browser's EventSource does: event name plus data lines. */
final class SseClient implements AutoCloseable {
    record Event(String name, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Stream<String> lines;
    private final Thread reader;
    private final int status;
    private final String contentType;

    SseClient(URI uri) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        status = response.statusCode();
        contentType = response.headers().firstValue("Content-Type").orElse("");
        lines = response.body();
        reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    private void read() {
        String name = "message";
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(name, data.toString()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(6));
                }
            }
        } catch (RuntimeException e) {
            // stream closed
        }
    }

    /** The next event with this name, skipping others; fails when none comes within the timeout. */
    Event next(String wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no '" + wanted + "' event within " + timeout);
            }
            if (e.name().equals(wanted)) {
                return e;
            }
        }
    }

    /** The next {@code n} events with this name. */
    List<Event> next(String wanted, int n, Duration timeout) throws InterruptedException {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(next(wanted, timeout));
        }
        return out;
    }

    @Override
    public void close() {
        lines.close();
    }
}
