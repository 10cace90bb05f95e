package com.casewire.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * What the beans behind the REST DSL ({@code camel/api.camel.yaml}) answer besides 200: a status code and the JSON
 * error body every API refusal has ({@code {"error": "<code>", "message": "<plain words>"}}), and the few facts of the
 * HTTP request they need. The REST binding marshals the returned body as JSON (with the application's ObjectMapper),
 * for errors too ({@code skipBindingOnErrorCode: false}).
 */
public final class ApiAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiAnswers() {
    }

    /** Sets the response status and returns the error body to answer with. */
    public static Map<String, Object> refuse(Message message, int status, String error, String text) {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", text);
        return body;
    }

    /** A record id from the path: a positive whole number, empty for anything else (then answer 400). */
    public static OptionalLong id(String raw) {
        if (raw == null || !raw.matches("\\d{1,18}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(raw));
    }

    /** What {@code action} answers for the record whose id is in the path, or the 400 for an id that is not a number. */
    public static Object withId(String rawId, Message message, LongFunction<Object> action) {
        OptionalLong id = id(rawId);
        if (id.isEmpty()) {
            return badId(message, rawId);
        }
        return action.apply(id.getAsLong());
    }

    /**
     * What {@code action} answers for the record whose id is in the path, given the request's JSON object body; or the
     * 400 for a body that is not a JSON object (looked at first) or an id that is not a number.
     */
    public static Object withIdAndBody(String rawId, Message message, BiFunction<Long, Map<String, Object>, Object> action) {
        Map<String, Object> body = jsonObject(message);
        if (body == null) {
            return notAnObject(message);
        }
        return withId(rawId, message, id -> action.apply(id, body));
    }

    /** The 400 for a path id that is not a number. */
    public static Map<String, Object> badId(Message message, String raw) {
        return refuse(message, 400, "bad_id", "the id in the path must be a number; got '" + printable(raw) + "'");
    }

    /**
     * The fields of the request's JSON object body: none when there is no body (an empty POST), null when there is
     * one that is not a JSON object (an array, text, JSON nested deeper than Jackson reads): answer that with
     * {@link #notAnObject}. The REST binding has parsed a body sent as {@code application/json}; one sent without a
     * Content-Type arrives as text and is read here.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> jsonObject(Message message) {
        Object body = message.getBody();
        if (body == null) {
            return Map.of();
        }
        if (body instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        String text = message.getBody(String.class);
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? JSON.convertValue(node, Map.class) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The 400 for a body that is not a JSON object. */
    public static Map<String, Object> notAnObject(Message message) {
        return refuse(message, 400, "bad_body", "the body must be a JSON object");
    }

    /** The address the request came from (for the audit trail), or "unknown" outside HTTP. */
    public static String remoteAddress(Message message) {
        return message instanceof PlatformHttpMessage http && http.getRequest() != null
                ? http.getRequest().getRemoteAddr() : "unknown";
    }

    /** A caller-supplied string as it may be echoed back: control characters out, at most 100 characters. */
    public static String printable(String raw) {
        String text = raw == null ? "" : raw.replaceAll("\\p{Cntrl}", " ").strip();
        return text.length() <= 100 ? text : text.substring(0, 100);
    }
}
