package com.casewire.routetest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reading a case's plain maps, with a plain-words error for a key the kit does not know (a typo never passes silently). */
final class Specs {

    private Specs() {
    }

    /** A problem in how a case is written; the runner reports it against the case. */
    static final class BadCase extends RuntimeException {
        BadCase(String message) {
            super(message);
        }
    }

    static void requireOnly(Map<String, Object> spec, Set<String> known, String what) {
        for (String key : spec.keySet()) {
            if (!known.contains(key)) {
                throw new BadCase("unknown key '" + key + "' in " + what + "; known: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new BadCase(what + " must be a map");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value, String what) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Map<?, ?> one) {
            return List.of((Map<String, Object>) one);
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            throw new BadCase(what + " must be a list of maps");
        }
        return (List<Map<String, Object>>) value;
    }

    /** {@code 30m}, {@code 2h}, {@code 1d}, {@code 45s}, or ISO-8601 ({@code PT30M}). */
    static Duration duration(String text) {
        String t = text.strip();
        try {
            if (t.startsWith("P") || t.startsWith("p")) {
                return Duration.parse(t);
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new BadCase("a duration is 30m, 2h, 1d or ISO-8601; got '" + text + "'");
            };
        } catch (RuntimeException e) {
            if (e instanceof BadCase bad) {
                throw bad;
            }
            throw new BadCase("a duration is 30m, 2h, 1d or ISO-8601; got '" + text + "'");
        }
    }
}
