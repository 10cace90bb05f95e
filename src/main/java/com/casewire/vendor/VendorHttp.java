package com.casewire.vendor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * One HTTP client for all vendor calls: timeouts, and the shared rules for what a status code means.
 * Adapters add the vendor's auth and error body parsing.
 */
public final class VendorHttp {

    /** What an adapter extracts from a vendor's error body. */
    public record ErrorDetail(String code, String message) {
    }

    /** Told how long each call and each wait for the vendor's pace took (metrics: ops.HubMetrics' neighbours). */
    public interface Observer {
        Observer NONE = new Observer() {
            @Override
            public void called(String vendor, String outcome, long nanos) {
            }

            @Override
            public void paced(String vendor, long nanos) {
            }
        };

        /** {@code outcome}: {@code 2xx}, {@code 4xx}, {@code 429}, {@code 5xx}, {@code timeout}, {@code connect_error} or {@code io_error}. */
        void called(String vendor, String outcome, long nanos);

        void paced(String vendor, long nanos);
    }

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;
    private final Observer observer;

    public VendorHttp(Duration timeout, Clock clock) {
        this(timeout, clock, Observer.NONE);
    }

    public VendorHttp(Duration timeout, Clock clock, Observer observer) {
        this.timeout = timeout;
        this.clock = clock;
        this.observer = observer;
        // responses complete on the client's selector thread instead of being handed to a pool thread first: the
        // caller is blocked in send() anyway, and the extra hand-off cost more CPU than the call itself under load
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .executor(Runnable::run).build();
    }

    /** Who times the calls (metrics); the Camel write routes report to it too ({@link VendorRoutes}). */
    public Observer observer() {
        return observer;
    }

    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    /**
     * Sends the request; returns the response when it is 2xx, otherwise throws a classified
     * {@link VendorException}. 429, 408 and 5xx are transient; other 4xx are permanent unless the
     * adapter lists them in {@code transientStatuses}.
     */
    public HttpResponse<String> send(String vendor, RatePacer pacer, HttpRequest request,
                                     Function<String, ErrorDetail> errorParser, int... transientStatuses) {
        VendorCalls.check(vendor);
        long pacing = System.nanoTime();
        pacer.acquire();
        long started = System.nanoTime();
        observer.paced(vendor, started - pacing);
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            observer.called(vendor, "connect_error", System.nanoTime() - started);
            // nothing reached the vendor: safe to send again
            throw new VendorException(vendor, true, 0, null, "could not connect: " + e, null, e);
        } catch (HttpTimeoutException e) {
            observer.called(vendor, "timeout", System.nanoTime() - started);
            throw VendorException.outcomeUnknown(vendor, "no answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            observer.called(vendor, "io_error", System.nanoTime() - started);
            throw VendorException.outcomeUnknown(vendor, "connection lost: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorException(vendor, true, 0, null, "interrupted", null, e);
        }
        int status = response.statusCode();
        observer.called(vendor, status == 429 ? "429" : status / 100 + "xx", System.nanoTime() - started);
        if (status >= 200 && status < 300) {
            return response;
        }
        ErrorDetail detail = errorDetail(errorParser, response.body());
        Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After"), clock.instant()).orElse(null);
        if (status == 429) {
            CallWaits.answered429();
            if (retryAfter != null) {
                pacer.pauseFor(retryAfter.toMillis());
            }
        }
        throw new VendorException(vendor, isTransient(status, transientStatuses), status, detail.code(), detail.message(),
                retryAfter, null);
    }

    /** 429, 408 and 5xx are transient, and the statuses an adapter lists; any other non-2xx is permanent. */
    static boolean isTransient(int status, int... transientStatuses) {
        return status == 429 || status == 408 || status >= 500 || contains(transientStatuses, status);
    }

    /** The vendor's error code and message from its error body, or the body's first 300 characters. */
    static ErrorDetail errorDetail(Function<String, ErrorDetail> parser, String body) {
        try {
            ErrorDetail detail = parser.apply(body);
            if (detail != null && detail.message() != null) {
                return detail;
            }
        } catch (RuntimeException ignored) {
            // an error body that is not the vendor's documented shape: fall through to the raw text
        }
        String text = body == null ? "" : body.strip();
        return new ErrorDetail(null, text.length() > 300 ? text.substring(0, 300) : text);
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    /** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
    public static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
