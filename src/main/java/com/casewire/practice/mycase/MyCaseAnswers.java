package com.casewire.practice.mycase;

import com.casewire.vendor.VendorException;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shapes MyCase answers in, which are third-party documented and unconfirmed (docs/connectors/mycase.md): a record
 * bare or wrapped, a created record's id, a page of a list under one of several keys, an error body in one of four
 * forms. Each reads every shape public clients report, and a shape it does not know is an error, never "nothing".
 */
final class MyCaseAnswers {

    private static final List<String> LIST_KEYS = List.of("data", "items", "results", "records");

    private MyCaseAnswers() {
    }

    /** A created or fetched record: bare, or wrapped as {"data":{...}} or {"<singular>":{...}}. */
    static JsonNode unwrap(JsonNode body, String singular) {
        if (body.has("id")) {
            return body;
        }
        for (String key : List.of("data", singular)) {
            if (body.path(key).isObject()) {
                return body.path(key);
            }
        }
        return body;
    }

    static String idOf(JsonNode body, String singular) {
        JsonNode id = unwrap(body, singular).path("id");
        if (id.isMissingNode() || id.isNull() || id.asText().isBlank()) {
            throw new VendorException(MyCaseClient.VENDOR, false, 0, null, "MyCase created a " + singular + " but answered no id", null, null);
        }
        return id.asText();
    }

    /** The records of one page of a list of {@code resource}: a bare array, or under one of the usual keys. */
    static List<JsonNode> itemsOf(JsonNode body, String resource, String path) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode array = body;
        if (body.isObject()) {
            array = null;
            for (String key : concat(LIST_KEYS, resource)) {
                if (body.path(key).isArray()) {
                    array = body.path(key);
                    break;
                }
            }
        }
        if (array == null || !array.isArray()) {
            // never read an unknown shape as "no records": the caller would take a short list for a whole one
            throw new VendorException(MyCaseClient.VENDOR, false, 0, null, path + " answered a list in an unknown shape", null, null);
        }
        array.forEach(items::add);
        return items;
    }

    private static List<String> concat(List<String> keys, String more) {
        List<String> all = new ArrayList<>(keys);
        all.add(more);
        return all;
    }

    /** MyCase's error body is unconfirmed: {"message"}, {"error":"..."}, {"error":{"message"}} or {"errors":[...]}. */
    static VendorHttp.ErrorDetail errorDetail(String body) {
        try {
            JsonNode error = new ObjectMapper().readTree(body);
            if (error.path("message").isTextual()) {
                return new VendorHttp.ErrorDetail(error.path("code").asText(null), error.path("message").asText());
            }
            if (error.path("error").isTextual()) {
                return new VendorHttp.ErrorDetail(error.path("error").asText(),
                        error.path("error_description").asText(error.path("error").asText()));
            }
            if (error.path("error").path("message").isTextual()) {
                return new VendorHttp.ErrorDetail(error.path("error").path("type").asText(null),
                        error.path("error").path("message").asText());
            }
            if (error.path("errors").isArray() || error.path("errors").isObject()) {
                return new VendorHttp.ErrorDetail(null, error.path("errors").toString());
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through: VendorHttp reports the raw text
        }
        return null;
    }
}
