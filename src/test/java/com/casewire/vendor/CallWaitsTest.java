package com.casewire.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an outbox send's tally sees: a wait for the vendor's pace (how often, how long), a 429 from the vendor; and
 * nothing of the calls made while no tally is open.
 */
class CallWaitsTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void countsTheWaitsForTheVendorsPaceOnlyWhileOpen() {
        RatePacer pacer = new RatePacer("test", 20); // one call per 50 ms
        pacer.acquire(); // the first slot is free

        CallWaits tally = CallWaits.open();
        pacer.acquire(); // waits for the next slot
        tally.close();
        assertThat(tally.waits()).isEqualTo(1);
        assertThat(tally.waitNanos()).isGreaterThan(Duration.ofMillis(10).toNanos());
        assertThat(tally.tooManyRequests()).isZero();

        pacer.acquire(); // waits too, but no send is being tallied
        assertThat(tally.waits()).as("closed").isEqualTo(1);

        CallWaits next = CallWaits.open();
        assertThat(next.waits()).as("a new send starts from zero").isZero();
        assertThat(next.waitNanos()).isZero();
        next.close();
    }

    @Test
    void countsA429AndTheWaitItsRetryAfterImposesOnTheNextCall() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/limited", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "1");
            exchange.sendResponseHeaders(429, -1);
            exchange.close();
        });
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        VendorHttp http = new VendorHttp(Duration.ofSeconds(5), Clock.systemUTC());
        RatePacer pacer = new RatePacer("test", 1_000_000);

        assertThatThrownBy(() -> http.send("test", pacer, http.request(URI.create(base + "/limited")).GET().build(),
                body -> null)).isInstanceOf(VendorException.class);
        // a 429 outside a send counts for no workflow

        CallWaits tally = CallWaits.open();
        http.send("test", pacer, http.request(URI.create(base + "/ok")).GET().build(), body -> null);
        assertThatThrownBy(() -> http.send("test", pacer, http.request(URI.create(base + "/limited")).GET().build(),
                body -> null)).isInstanceOf(VendorException.class);
        tally.close();
        assertThat(tally.tooManyRequests()).isEqualTo(1);
        assertThat(tally.waits()).as("the first call waited out the Retry-After of the 429 before it").isEqualTo(1);
        assertThat(tally.waitNanos()).isGreaterThan(Duration.ofMillis(500).toNanos());
    }
}
