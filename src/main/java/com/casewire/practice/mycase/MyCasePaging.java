package com.casewire.practice.mycase;

import com.casewire.vendor.VendorApi;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a MyCase list's next page is (unconfirmed, so every shape public clients report): a Link header, a next
 * link or page token in an envelope, or, after a full page with neither, {@code page=n+1}. A page that repeats the
 * one before, or a next page already asked for, means the paging is not understood: an error, never a short list.
 * One instance reads one list.
 */
final class MyCasePaging implements BiFunction<HttpResponse<String>, JsonNode, VendorApi.Page> {

    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*rel\\s*=\\s*\"?next\"?", Pattern.CASE_INSENSITIVE);

    private final String baseUrl;
    private final int pageSize;
    private final String path;
    private final Map<String, String> params;
    private final String resource;
    private final Set<URI> requested = new HashSet<>();
    private String previousIds;
    private int pageNumber = 1;

    /** The list at {@code path} with {@code params} on the API at {@code baseUrl}, whose first page is {@code first}. */
    MyCasePaging(String baseUrl, int pageSize, String path, Map<String, String> params, URI first) {
        this.baseUrl = baseUrl;
        this.pageSize = pageSize;
        this.path = path;
        this.params = params;
        this.resource = path.substring(path.lastIndexOf('/') + 1);
        requested.add(first);
    }

    @Override
    public VendorApi.Page apply(HttpResponse<String> response, JsonNode body) {
        URI pageUri = response.request().uri();
        List<JsonNode> items = MyCaseAnswers.itemsOf(body, resource, path);
        String ids = items.stream().map(item -> item.path("id").asText()).collect(Collectors.joining(","));
        if (!items.isEmpty() && ids.equals(previousIds)) {
            throw new VendorException(MyCaseClient.VENDOR, false, 0, null, path + " answered a page with the records of the page"
                    + " before: its paging is not understood; raise hub.mycase.page-size or check"
                    + " docs/connectors/mycase.md", null, null);
        }
        previousIds = ids;
        URI cursor = nextFromLink(response).or(() -> nextFromBody(body, pageUri)).orElse(null);
        URI next;
        if (cursor != null) {
            next = sameOrigin(cursor, path);
        } else if (items.size() >= pageSize) {
            // a full page and no cursor: ask for the next page by number
            pageNumber++;
            Map<String, String> numbered = new LinkedHashMap<>(params);
            numbered.put("page", Integer.toString(pageNumber));
            next = uri(baseUrl, path, numbered);
        } else {
            next = null;
        }
        if (next != null && !requested.add(next)) {
            throw new VendorException(MyCaseClient.VENDOR, false, 0, null, "paging of " + path + " points back to " + next, null, null);
        }
        return new VendorApi.Page(items, Optional.ofNullable(next));
    }

    private static Optional<URI> nextFromLink(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Link")) {
            Matcher m = LINK_NEXT.matcher(header);
            if (m.find() && !m.group(1).isBlank()) {
                return Optional.of(URI.create(m.group(1).trim()));
            }
        }
        return Optional.empty();
    }

    /** A next link or page token in an envelope ({"data":[...], "meta":{...}} and similar). */
    private static Optional<URI> nextFromBody(JsonNode body, URI current) {
        if (!body.isObject()) {
            return Optional.empty();
        }
        for (JsonNode link : List.of(body.path("meta").path("paging").path("next"), body.path("links").path("next"),
                body.path("next_page_url"), body.path("next"))) {
            if (link.isTextual() && !link.asText().isBlank()) {
                return Optional.of(URI.create(link.asText().trim()));
            }
        }
        for (JsonNode token : List.of(body.path("next_page_token"), body.path("meta").path("next_page_token"),
                body.path("page_token"))) {
            if (token.isTextual() && !token.asText().isBlank()) {
                return Optional.of(withParam(current, "page_token", token.asText()));
            }
        }
        return Optional.empty();
    }

    /** The bearer token only ever goes to the configured MyCase host. */
    private URI sameOrigin(URI next, String path) {
        URI base = URI.create(baseUrl);
        URI resolved = next.isAbsolute() ? next : base.resolve(next);
        if (!Objects.equals(resolved.getScheme(), base.getScheme()) || !Objects.equals(resolved.getHost(), base.getHost())
                || resolved.getPort() != base.getPort()) {
            throw new VendorException(MyCaseClient.VENDOR, false, 0, null, "next page of " + path + " points to another host: "
                    + resolved.getHost(), null, null);
        }
        return resolved;
    }

    private static URI withParam(URI uri, String name, String value) {
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        String kept = java.util.Arrays.stream(query.split("&")).filter(p -> !p.isEmpty() && !p.startsWith(name + "="))
                .collect(Collectors.joining("&"));
        String added = (kept.isEmpty() ? "" : kept + "&") + encode(name) + "=" + encode(value);
        String base = uri.toString();
        int q = base.indexOf('?');
        return URI.create((q < 0 ? base : base.substring(0, q)) + "?" + added);
    }

    /** The address of {@code path} with {@code params} (in their order) on the API at {@code baseUrl}. */
    static URI uri(String baseUrl, String path, Map<String, String> params) {
        String query = params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + query));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
