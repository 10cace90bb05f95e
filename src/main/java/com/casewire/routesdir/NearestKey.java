package com.casewire.routesdir;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for a misspelt key: the known key with the fewest edits, when it is close enough to be a typo. */
public final class NearestKey {

    private NearestKey() {
    }

    static Optional<String> to(String given, Collection<String> known) {
        String g = given.toLowerCase(Locale.ROOT);
        int allowed = Math.max(2, g.length() / 3);
        return known.stream().filter(k -> distance(g, k.toLowerCase(Locale.ROOT)) <= allowed)
                .min(Comparator.comparingInt((String k) -> distance(g, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k));
    }

    /** The unknown-key message: with the nearest key, else with every known key. */
    public static String unknownKey(String given, Collection<String> known) {
        return to(given, known).map(k -> "unknown key '" + given + "' (did you mean '" + k + "'?)")
                .orElseGet(() -> "unknown key '" + given + "' (known keys: " + String.join(", ", known.stream().sorted().toList())
                        + ")");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
