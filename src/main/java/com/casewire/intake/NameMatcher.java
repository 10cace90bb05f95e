package com.casewire.intake;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether two written names could be the same person or company, for the conflict pre-check. Tolerates what
 * differs between how a caller and a file write a name: case, accents ("José" / "Jose"), punctuation and
 * apostrophes, "Last, First" order or swapped order, an initial for a given name ("J. Smith" / "John Smith"),
 * a middle name or initial on one side only, honorifics and suffixes (Mr, Dr, Jr, Esq) and company forms
 * (Inc, LLC, Corp). It does not guess at spelling: "Jon" and "John" are different names, and a conflict
 * check that cries wolf on every near spelling gets ignored; the phone and email matches catch the rest.
 */
final class NameMatcher {

    private static final Set<String> NOISE = Set.of("mr", "mrs", "ms", "miss", "dr", "prof", "jr", "sr", "ii", "iii",
            "iv", "esq", "phd", "md", "inc", "llc", "llp", "ltd", "corp", "corporation", "co", "company", "pc", "pa",
            "plc", "gmbh", "the");

    private NameMatcher() {
    }

    public static boolean matches(String a, String b) {
        List<String> x = tokens(a);
        List<String> y = tokens(b);
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        if (sorted(x).equals(sorted(y))) {
            return true; // same words in any order, including "Doe Jane" / "Jane Doe"
        }
        if (x.size() < 2 || y.size() < 2) {
            return false; // one bare word against a full name is too weak to flag
        }
        return personMatch(x, y) || personMatch(reverse(x), y);
    }

    /** Given name first, family name last; middle names optional; a given name may be an initial. */
    private static boolean personMatch(List<String> x, List<String> y) {
        if (!x.get(x.size() - 1).equals(y.get(y.size() - 1))) {
            return false;
        }
        if (!compatible(x.get(0), y.get(0))) {
            return false;
        }
        // middle names, when both sides give them, must not contradict each other
        List<String> mx = x.subList(1, x.size() - 1);
        List<String> my = y.subList(1, y.size() - 1);
        if (!mx.isEmpty() && !my.isEmpty()) {
            return compatible(mx.get(0), my.get(0));
        }
        // a bare initial on both sides ("J. Smith" / "J. Smith") was caught by the sorted comparison; two initials
        // against full names need at least one full given name
        return x.get(0).length() > 1 || y.get(0).length() > 1 || x.get(0).equals(y.get(0));
    }

    private static boolean compatible(String p, String q) {
        if (p.equals(q)) {
            return true;
        }
        return (p.length() == 1 && q.startsWith(p)) || (q.length() == 1 && p.startsWith(q));
    }

    /** Lower case, no accents, no punctuation, "Last, First" turned round, honorifics and company forms dropped. */
    static List<String> tokens(String name) {
        if (name == null) {
            return List.of();
        }
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replace("'", "").replace("’", "").replace("&", " and ");
        int comma = plain.indexOf(',');
        if (comma > 0) {
            String before = plain.substring(0, comma);
            String after = plain.substring(comma + 1);
            List<String> rest = words(after);
            // "Smith, John" is a person written surname first; "Acme, Inc." is a company form after a comma
            if (!rest.isEmpty() && !rest.stream().allMatch(NOISE::contains)) {
                plain = after + " " + before;
            }
        }
        return words(plain).stream().filter(w -> !NOISE.contains(w)).toList();
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("[^a-z0-9]+")).filter(w -> !w.isEmpty()).toList();
    }

    private static List<String> sorted(List<String> words) {
        return words.stream().sorted().toList();
    }

    private static List<String> reverse(List<String> words) {
        List<String> r = new ArrayList<>(words);
        java.util.Collections.reverse(r);
        return r;
    }
}
