package com.casewire.vendor;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.springframework.stereotype.Component;

/**
 * Vendor writes through Camel: a call to a route that ends in a camel-http endpoint (with
 * {@code throwExceptionOnFailure=false}), its answer classified by the rules {@link VendorHttp} applies. 2xx returns
 * the body; 429, 408, 5xx and the caller's {@code transientStatuses} are transient (Retry-After read, and a 429 pauses
 * the vendor's pacer); another 4xx is permanent. A failure before the connection was made is safe to retry; one
 * after the request may have left has an unknown outcome (the outbox asks the vendor before sending again).
 */
@Component
public class VendorRoutes {

    private final ProducerTemplate camel;
    private final Clock clock;
    private final VendorHttp.Observer observer;

    public VendorRoutes(ProducerTemplate camel, Clock clock) {
        this(camel, clock, VendorHttp.Observer.NONE);
    }

    /** Calls timed like {@link VendorHttp}'s direct calls (same observer, same outcome names). */
    @org.springframework.beans.factory.annotation.Autowired
    public VendorRoutes(ProducerTemplate camel, Clock clock, VendorHttp http) {
        this(camel, clock, http.observer());
    }

    private VendorRoutes(ProducerTemplate camel, Clock clock, VendorHttp.Observer observer) {
        this.camel = camel;
        this.clock = clock;
        this.observer = observer;
    }

    /**
     * camel-http as the vendor edges use it: {@code timeout} for connecting and for the answer, and none of Apache
     * HttpClient's own retries or redirects: a retry is the outbox's to decide (with its back-off, Retry-After and
     * idempotency key), and a redirect on a POST is not followed blindly.
     */
    public static void configure(org.apache.camel.component.http.HttpComponent http, Duration timeout) {
        long millis = timeout.toMillis();
        http.setConnectTimeout(millis);
        http.setConnectionRequestTimeout(millis);
        http.setResponseTimeout(millis);
        http.setSoTimeout(millis);
        http.setAutomaticRetriesDisabled(true);
        http.setRedirectHandlingDisabled(true);
    }

    /**
     * Calls {@code route} with these headers and body, paced by {@code pacer} (null: the caller paces, and a 429 pauses
     * nothing but the row).
     */
    public String call(String vendor, RatePacer pacer, String route, Map<String, Object> headers, Object body,
                       Function<String, VendorHttp.ErrorDetail> errorParser, int... transientStatuses) {
        VendorCalls.check(vendor);
        long pacing = System.nanoTime();
        if (pacer != null) {
            pacer.acquire();
        }
        long started = System.nanoTime();
        observer.paced(vendor, started - pacing);
        Exchange answer = camel.send(route, exchange -> {
            exchange.getMessage().setHeaders(new java.util.HashMap<>(headers));
            exchange.getMessage().setBody(body);
        });
        if (answer.getException() != null) {
            VendorException failure = classify(vendor, answer.getException());
            observer.called(vendor, !failure.outcomeUnknown() ? "connect_error"
                    : failure.getMessage().contains("no answer in time") ? "timeout" : "io_error", System.nanoTime() - started);
            throw failure;
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        observer.called(vendor, status == 429 ? "429" : status / 100 + "xx", System.nanoTime() - started);
        String text = answer.getMessage().getBody(String.class);
        if (status >= 200 && status < 300) {
            return text;
        }
        VendorHttp.ErrorDetail detail = VendorHttp.errorDetail(errorParser, text);
        Duration retryAfter = VendorHttp.retryAfter(
                Optional.ofNullable(answer.getMessage().getHeader("Retry-After", String.class)), clock.instant()).orElse(null);
        if (status == 429) {
            CallWaits.answered429();
            if (retryAfter != null && pacer != null) {
                pacer.pauseFor(retryAfter.toMillis());
            }
        }
        throw new VendorException(vendor, VendorHttp.isTransient(status, transientStatuses), status, detail.code(),
                detail.message(), retryAfter, null);
    }

    /** What the route threw: nothing left when the connection was never made; unknown once the request may have. */
    static VendorException classify(String vendor, Exception failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof IOException)
                && !(cause instanceof VendorException)) {
            cause = cause.getCause();
        }
        if (cause instanceof VendorException known) {
            return known;
        }
        if (cause instanceof HttpHostConnectException || cause instanceof ConnectException
                || cause instanceof ConnectTimeoutException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            return new VendorException(vendor, true, 0, null, "could not connect: " + cause, null, failure);
        }
        if (cause instanceof InterruptedIOException) {
            return VendorException.outcomeUnknown(vendor, "no answer in time: " + cause, failure);
        }
        if (cause instanceof IOException) {
            return VendorException.outcomeUnknown(vendor, "connection lost: " + cause, failure);
        }
        return new VendorException(vendor, true, 0, null, failure.toString(), null, failure);
    }
}
