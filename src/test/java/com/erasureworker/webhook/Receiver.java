package com.erasureworker.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook receiver inside the test JVM (JDK HttpServer on a free loopback port): records every request's headers
 * and body, and answers the queued statuses first, then 200.
 */
final class Receiver implements AutoCloseable {

    record Received(String id, String timestamp, String signature, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final List<Received> received = new ArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            synchronized (this) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"), body));
                status = statuses.isEmpty() ? 200 : statuses.poll();
            }
            byte[] answer = "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    synchronized void answer(int status, int times) {
        for (int i = 0; i < times; i++) {
            statuses.add(status);
        }
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests whose body mentions {@code text} (e.g. a ticket id). */
    synchronized List<Received> about(String text) {
        return received.stream().filter(request -> request.body().contains(text)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    static Map<String, Object> subscription(String url, List<String> types) {
        return Map.of("url", url, "eventTypes", types);
    }
}
