package com.casewire.api;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Which message headers become HTTP response headers on the REST API (platform-http,
 * {@code camel.component.platform-http.header-filter-strategy}). Camel's HTTP binding sends every message header back
 * by default, and a REST route's message carries the request's headers: the caller's {@code Authorization} token
 * would come back in the answer (and be kept by any cache or log in between). Only the headers an answer needs go out;
 * headers coming in are filtered as Camel's HTTP components do.
 */
@Component("apiResponseHeaders")
public class ApiResponseHeaders extends HttpHeaderFilterStrategy {

    static final Set<String> ANSWER_HEADERS = Set.of("content-type", "content-disposition", "retry-after", "cache-control",
            "location");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !ANSWER_HEADERS.contains(headerName.toLowerCase(Locale.ROOT));
    }
}
