package com.casewire.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared vendor client over real sockets. Responses complete on the client's selector thread (no pool
 * hand-off): concurrent calls must still all complete, and a vendor that never answers must still time out,
 * for every caller at once, without holding up calls to a vendor that does answer.
 */
class VendorHttpTransportTest {

    private final VendorHttp http = new VendorHttp(Duration.ofMillis(500), Clock.systemUTC());
    private final RatePacer unpaced = new RatePacer("test", 1_000_000);
    private final ExecutorService callers = Executors.newFixedThreadPool(16);
    private HttpServer server;
    private ServerSocket silent;
    private final List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService serverThreads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() throws IOException {
        callers.shutdownNow();
        serverThreads.shutdownNow();
        if (server != null) {
            server.stop(0);
        }
        if (silent != null) {
            silent.close();
        }
        synchronized (held) {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void concurrentCallsAllComplete() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/messages", exchange -> {
            byte[] body = "{\"sid\":\"SM1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/messages");

        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            calls.add(callers.submit(() -> http.send("test", unpaced,
                    http.request(uri).POST(HttpRequest.BodyPublishers.ofString("To=%2B12015550100")).build(),
                    body -> null).body()));
        }
        for (Future<String> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("{\"sid\":\"SM1\"}");
        }
    }

    @Test
    void aVendorThatNeverAnswersTimesOutForEveryCallerWhileAnotherVendorAnswers() throws Exception {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept()); // accepts, reads nothing, never answers
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        server.start();
        URI hanging = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/hang");
        URI answering = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ok");

        long start = System.nanoTime();
        List<Future<Throwable>> stuck = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            stuck.add(callers.submit(() -> {
                try {
                    http.send("test", unpaced, http.request(hanging).GET().build(), body -> null);
                    return null;
                } catch (VendorException e) {
                    return e;
                }
            }));
        }
        // while those wait, the answering vendor is served
        assertThat(http.send("test", unpaced, http.request(answering).GET().build(), body -> null).statusCode()).isEqualTo(200);
        for (Future<Throwable> call : stuck) {
            assertThat(call.get(10, TimeUnit.SECONDS)).isInstanceOf(VendorException.class)
                    .hasMessageContaining("no answer within")
                    // the request left: whether the vendor acted on it is unknown, and the outbox must ask before resending
                    .satisfies(e -> assertThat(((VendorException) e).isTransient()).isTrue())
                    .satisfies(e -> assertThat(((VendorException) e).outcomeUnknown()).isTrue());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRefusedConnectionIsSafeToResendButAConnectionLostMidAnswerIsAnUnknownOutcome() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        assertThatThrownBy(() -> http.send("test", unpaced,
                http.request(URI.create("http://127.0.0.1:" + closedPort + "/x")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                body -> null))
                .isInstanceOfSatisfying(VendorException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.outcomeUnknown()).isFalse(); // nothing reached the vendor
                });

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/drop", exchange -> exchange.close()); // read the request, then hang up without a word
        server.start();
        assertThatThrownBy(() -> http.send("test", unpaced,
                http.request(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/drop"))
                        .POST(HttpRequest.BodyPublishers.ofString("To=%2B15555550100")).build(), body -> null))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    }

    @Test
    void serverErrorsAreTransientAndClientErrorsPermanent() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/busy", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/bad", exchange -> {
            byte[] body = "{\"code\":21211,\"message\":\"Invalid 'To' Phone Number\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        assertThatThrownBy(() -> http.send("test", unpaced, http.request(URI.create(base + "/busy")).GET().build(), body -> null))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThatThrownBy(() -> http.send("test", unpaced, http.request(URI.create(base + "/bad")).GET().build(),
                body -> new VendorHttp.ErrorDetail("21211", "Invalid 'To' Phone Number")))
                .isInstanceOfSatisfying(VendorException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.vendorCode()).isEqualTo("21211");
                });
    }
}
