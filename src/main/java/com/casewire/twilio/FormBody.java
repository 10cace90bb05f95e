package com.casewire.twilio;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** application/x-www-form-urlencoded bodies, keeping repeated names (Twilio signs every value). */
final class FormBody {

    /** The body is not form encoding: a "%" not followed by two hex digits ("Body=%ZZ", a body cut after "%2"). */
    public static final class Malformed extends IllegalArgumentException {
        Malformed(String message) {
            super(message);
        }
    }

    private FormBody() {
    }

    /** The fields of {@code body}; {@link Malformed} when a name or value has a broken percent-encoding. */
    public static Map<String, List<String>> parse(String body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        int index = 0;
        for (String pair : body.split("&")) {
            index++;
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "the name of field " + index);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "the value of field " + index + " ("
                    + (name.length() > 40 ? name.substring(0, 40) + "..." : name) + ")");
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    public static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String decode(String text, String where) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Malformed("broken percent-encoding in " + where);
        }
    }
}
