package com.casewire.practice.clio;

/** Comparison of Clio's {@code X-API-VERSION} strings ({@code 4.X.Y}). */
final class ClioApiVersion {

    private ClioApiVersion() {
    }

    /** Whether {@code version} is at least {@code major.minor.patch}; an unparsable version counts as the newest. */
    static boolean atLeast(String version, int major, int minor, int patch) {
        String[] parts = version.strip().split("\\.");
        int[] wanted = {major, minor, patch};
        try {
            for (int i = 0; i < 3; i++) {
                int have = i < parts.length ? Integer.parseInt(parts[i]) : 0;
                if (have != wanted[i]) {
                    return have > wanted[i];
                }
            }
            return true;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
