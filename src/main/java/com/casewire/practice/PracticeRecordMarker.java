package com.casewire.practice;

import com.casewire.vendor.Sha256;

/**
 * The line the hub appends to a note or task it creates in the practice-management system, so that a send whose
 * outcome is unknown can be recognised there: {@code [casewire:<first 16 hex digits of SHA-256 of the idempotency
 * key>]}. Clio's and MyCase's note and task bodies have no field for a key of ours, so it goes into the text a
 * person reads; a digest keeps it short and says nothing about the client (keys name matters and workflows).
 */
public final class PracticeRecordMarker {

    private static final String PREFIX = "[casewire:";

    private PracticeRecordMarker() {
    }

    /** The marker for {@code idempotencyKey}. */
    public static String of(String idempotencyKey) {
        return PREFIX + Sha256.hex(idempotencyKey).substring(0, 16) + "]";
    }

    /** {@code text} with the key's marker on a line of its own after a blank line; the marker alone for no text. */
    public static String append(String text, String idempotencyKey) {
        String marker = of(idempotencyKey);
        return text == null || text.isBlank() ? marker : text + "\n\n" + marker;
    }

    /** Whether {@code text} (a note's detail, a task's description, as the vendor lists it) carries the key's marker. */
    public static boolean isMarked(String text, String idempotencyKey) {
        return text != null && text.contains(of(idempotencyKey));
    }
}
