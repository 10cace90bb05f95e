package com.casewire.routetest;

import com.casewire.sandbox.SandboxWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * A case's {@code expect:} against what the simulators received. {@code messages:} and {@code notes:}, when given, are
 * the whole list: every expected one must have been sent and nothing else may have been ({@code nothingSent: true} is
 * both empty). Each expected message names its {@code channel} and {@code to}, and its {@code text} (the whole text) or
 * {@code contains} (a fragment or a list of them), optionally its email {@code subject}; a note names its
 * {@code matter} and {@code subject} or {@code contains}.
 */
final class Expectations {

    static final Set<String> KEYS = Set.of("messages", "notes", "nothingSent");
    static final Set<String> MESSAGE_KEYS = Set.of("channel", "to", "text", "contains", "subject");
    static final Set<String> NOTE_KEYS = Set.of("matter", "subject", "contains");

    private Expectations() {
    }

    /** The diff of messages and notes, empty when the expectation holds. */
    static String compare(Map<String, Object> expect, List<SandboxWorld.Sent> sent, List<SandboxWorld.Note> notes) {
        Specs.requireOnly(expect, KEYS, "expect");
        if (expect.isEmpty()) {
            throw new Specs.BadCase("expect names messages, notes or nothingSent: a case that expects nothing cannot fail");
        }
        boolean nothing = "true".equals(expect.get("nothingSent"));
        StringBuilder report = new StringBuilder();
        if (nothing || expect.containsKey("messages")) {
            List<Map<String, Object>> wanted = nothing ? List.of() : Specs.maps(expect.get("messages"), "expect.messages");
            wanted.forEach(m -> Specs.requireOnly(m, MESSAGE_KEYS, "an expected message"));
            report.append(diff("messages", wanted, sent, Expectations::matches, Expectations::describeExpected,
                    Expectations::describe));
        }
        if (nothing || expect.containsKey("notes")) {
            List<Map<String, Object>> wanted = nothing ? List.of() : Specs.maps(expect.get("notes"), "expect.notes");
            wanted.forEach(n -> Specs.requireOnly(n, NOTE_KEYS, "an expected note"));
            report.append(diff("notes written back", wanted, notes, Expectations::matches,
                    Expectations::describeExpectedNote, Expectations::describe));
        }
        return report.toString();
    }

    /**
     * Pairs each expected item with the first actual one it matches, in order; lists them all when any is left over on
     * either side: {@code =} matched, {@code -} expected and not there, {@code +} there and not expected.
     */
    private static <A> String diff(String what, List<Map<String, Object>> expected, List<A> actual,
                                   BiPredicate<Map<String, Object>, A> matches, Function<Map<String, Object>, String> showExpected,
                                   Function<A, String> showActual) {
        List<A> left = new ArrayList<>(actual);
        List<String> lines = new ArrayList<>();
        boolean ok = true;
        for (Map<String, Object> e : expected) {
            A hit = left.stream().filter(a -> matches.test(e, a)).findFirst().orElse(null);
            if (hit == null) {
                ok = false;
                lines.add("  - " + showExpected.apply(e));
            } else {
                left.remove(hit);
                lines.add("  = " + showActual.apply(hit));
            }
        }
        for (A a : left) {
            ok = false;
            lines.add("  + " + showActual.apply(a));
        }
        if (ok) {
            return "";
        }
        return "expected " + expected.size() + " " + what + ", " + actual.size() + " sent"
                + " (- expected but not sent, + sent but not expected, = as expected):\n" + String.join("\n", lines) + "\n";
    }

    private static boolean matches(Map<String, Object> e, SandboxWorld.Sent s) {
        return equal(e.get("channel"), s.channel()) && equal(e.get("to"), s.to())
                && (e.get("subject") == null || equal(e.get("subject"), s.subject()))
                && (e.get("text") == null || equal(e.get("text").toString().strip(), s.text().strip()))
                && fragments(e).stream().allMatch(f -> s.text().contains(f));
    }

    private static boolean matches(Map<String, Object> e, SandboxWorld.Note n) {
        String text = n.subject() + "\n" + n.detail();
        return equal(e.get("matter"), n.matterId()) && (e.get("subject") == null || equal(e.get("subject"), n.subject()))
                && fragments(e).stream().allMatch(text::contains);
    }

    private static List<String> fragments(Map<String, Object> e) {
        Object contains = e.get("contains");
        if (contains == null) {
            return List.of();
        }
        return contains instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(contains.toString());
    }

    private static boolean equal(Object expected, String actual) {
        return expected != null && expected.toString().equals(actual);
    }

    private static String describeExpected(Map<String, Object> e) {
        StringBuilder s = new StringBuilder().append(e.get("channel")).append(" to ").append(e.get("to"));
        if (e.get("subject") != null) {
            s.append(", subject ").append(quote(e.get("subject").toString()));
        }
        if (e.get("text") != null) {
            s.append(": ").append(quote(e.get("text").toString().strip()));
        }
        fragments(e).forEach(f -> s.append(", containing ").append(quote(f)));
        return s.toString();
    }

    private static String describe(SandboxWorld.Sent s) {
        return s.channel() + " to " + s.to() + (s.subject() == null ? "" : ", subject " + quote(s.subject())) + ": "
                + quote(s.text());
    }

    private static String describeExpectedNote(Map<String, Object> e) {
        StringBuilder s = new StringBuilder("note on matter ").append(e.get("matter"));
        if (e.get("subject") != null) {
            s.append(", subject ").append(quote(e.get("subject").toString()));
        }
        fragments(e).forEach(f -> s.append(", containing ").append(quote(f)));
        return s.toString();
    }

    private static String describe(SandboxWorld.Note n) {
        return "note on matter " + n.matterId() + ", subject " + quote(n.subject()) + ": " + quote(n.detail());
    }

    /** One line: a message's line breaks shown as \n. */
    private static String quote(String text) {
        return "\"" + text.strip().replace("\r", "").replace("\n", "\\n") + "\"";
    }
}
