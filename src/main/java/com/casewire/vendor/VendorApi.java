package com.casewire.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One vendor's JSON API as every client calls it (Clio, MyCase, Google Calendar, LawPay): one way to authorise, to
 * get a fresh token on a 401, to honour a 429, to pace, to page and to read JSON. What differs by vendor is given to
 * it: the {@link Credentials}, the error body's shape, and how a list says where its next page is.
 * <ul>
 *   <li>Every call carries the current credentials; a 401 asks them for a fresh token once and the call goes again
 *   (for reads here, for writes through {@link #authorized}).</li>
 *   <li>Every call waits for the vendor's {@link RatePacer} (shared by all instances for the vendors that have a
 *   per-account budget). A 429's Retry-After pauses every call to the vendor ({@link VendorHttp}). A read is sent
 *   again after a pause of at most {@link #LONGEST_INLINE_WAIT}, up to {@link #RATE_LIMIT_RETRIES} times; a longer
 *   pause ends the call with a transient {@link VendorException} carrying the Retry-After, and whoever asked (the
 *   inbox, a poller, the outbox) tries again later. Writes are not sent again here: the outbox owns their retries.</li>
 *   <li>A body that is not JSON is a permanent {@link VendorException}: sending the same request again would not help.</li>
 *   <li>{@link #pages} follows a list to its end and refuses a list that does not end.</li>
 * </ul>
 */
public final class VendorApi {

    /** Sends of a rate-limited read before the 429 is the caller's to retry. */
    public static final int RATE_LIMIT_RETRIES = 3;
    /** The longest Retry-After waited out in line; a longer one goes back to the caller. */
    public static final Duration LONGEST_INLINE_WAIT = Duration.ofSeconds(30);

    /** How calls to a vendor are authorised. */
    public interface Credentials {
        /** The token or key to call with now. */
        String current();

        /** A fresh token after {@code rejected} was refused with a 401, or null when there is none to get (the 401 stands). */
        String afterRejection(String rejected);

        /** A key that never changes (LawPay's secret key): a 401 stands. */
        static Credentials fixed(String value) {
            return new Credentials() {
                @Override
                public String current() {
                    return value;
                }

                @Override
                public String afterRejection(String rejected) {
                    return null;
                }
            };
        }
    }

    /** One page of a list: its records, and the page to ask for next (empty on the last). */
    public record Page(List<JsonNode> records, Optional<URI> next) {
    }

    private final String vendor;
    private final VendorHttp http;
    private final RatePacer pacer;
    private final Credentials credentials;
    private final Function<String, VendorHttp.ErrorDetail> errors;
    private final ObjectMapper json;

    public VendorApi(String vendor, VendorHttp http, RatePacer pacer, Credentials credentials,
                     Function<String, VendorHttp.ErrorDetail> errors, ObjectMapper json) {
        this.vendor = vendor;
        this.http = http;
        this.pacer = pacer;
        this.credentials = credentials;
        this.errors = errors;
        this.json = json;
    }

    public RatePacer pacer() {
        return pacer;
    }

    /**
     * Runs {@code call} with the current token; on a 401, with a fresh one once. For writes (a Camel route) as for
     * reads; a 429 is not retried here.
     */
    public <T> T authorized(Function<String, T> call) {
        String token = credentials.current();
        try {
            return call.apply(token);
        } catch (VendorException e) {
            if (e.httpStatus() != 401) {
                throw e;
            }
            String fresh = credentials.afterRejection(token);
            if (fresh == null) {
                throw e;
            }
            return call.apply(fresh);
        }
    }

    /**
     * Sends a read built for the token it is given: authorised, paced, classified; a 429 with a short pause is sent
     * again after it (see the class comment). Returns the 2xx response.
     */
    public HttpResponse<String> send(Function<String, HttpRequest> request) {
        for (int rateLimited = 0; ; rateLimited++) {
            try {
                return authorized(token -> http.send(vendor, pacer, request.apply(token), errors));
            } catch (VendorException e) {
                boolean waitInLine = e.httpStatus() == 429 && rateLimited < RATE_LIMIT_RETRIES
                        && (e.retryAfter() == null || e.retryAfter().compareTo(LONGEST_INLINE_WAIT) <= 0);
                if (!waitInLine) {
                    throw e;
                }
                if (e.retryAfter() == null) {
                    // no Retry-After (VendorHttp paused the pacer for the one it had): back off 2, 4, 8 s
                    pacer.pauseFor(1000L << (rateLimited + 1));
                }
            }
        }
    }

    /** The JSON answer to a read. */
    public JsonNode get(Function<String, HttpRequest> request) {
        return read(send(request).body());
    }

    /** The JSON answer to a read, or empty when the vendor answers 404 (no such record). */
    public Optional<JsonNode> find(Function<String, HttpRequest> request) {
        try {
            return Optional.of(get(request));
        } catch (VendorException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Every record of a list, following it page by page from {@code first}: {@code page} reads one answer (its
     * records and where the next page is). A list longer than {@code maxPages} pages is refused as not ending.
     *
     * @param what the list, for messages ("GET /activities.json")
     */
    public List<JsonNode> pages(URI first, Function<URI, Function<String, HttpRequest>> request,
                                BiFunction<HttpResponse<String>, JsonNode, Page> page, int maxPages, String what) {
        List<JsonNode> records = new ArrayList<>();
        pageByPage(first, request, page, maxPages, what).forEachRemaining(records::addAll);
        return records;
    }

    /**
     * The same list one page at a time, each page fetched only when asked for: for a reader that must not hold every
     * record at once (the reconciliation's staging).
     */
    public Iterator<List<JsonNode>> pageByPage(URI first, Function<URI, Function<String, HttpRequest>> request,
                                               BiFunction<HttpResponse<String>, JsonNode, Page> page, int maxPages,
                                               String what) {
        return new Iterator<>() {
            private URI next = first;
            private int pages;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public List<JsonNode> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                if (pages++ >= maxPages) {
                    throw new VendorException(vendor, false, 0, null, "the list " + what + " did not end after "
                            + maxPages + " pages", null, null);
                }
                HttpResponse<String> response = send(request.apply(next));
                Page read = page.apply(response, read(response.body()));
                next = read.next().orElse(null);
                return read.records();
            }
        };
    }

    /** The body as JSON; a body that is not JSON is a permanent failure. */
    public JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new VendorException(vendor, false, 0, null, "response is not JSON: " + e.getMessage(), null, e);
        }
    }
}
