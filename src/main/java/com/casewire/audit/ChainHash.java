package com.casewire.audit;

import com.casewire.vendor.Sha256;
import java.time.Instant;

/**
 * The hash that links a log entry to the one before it: SHA-256 over the previous hash, the sequence
 * number and every immutable field, each written as {@code <length>:<text>} so that no field's text can
 * move a boundary between fields. Delivery status is not hashed: it changes after the fact, by design.
 */
final class ChainHash {

    static final String GENESIS = "0".repeat(64);
    private static final char SEP = '\u001f';

    private ChainHash() {
    }

    static String of(String prevHash, long seq, LogEntry e) {
        StringBuilder text = new StringBuilder(256 + (e.body() == null ? 0 : e.body().length()));
        text.append(prevHash).append(SEP).append(seq);
        for (Object field : new Object[] {e.idempotencyKey(), instant(e.recordedAt()), e.matterId(), e.recipientName(),
                e.recipientAddress(), e.channel(), e.workflow(), e.template(), e.subject(), e.body(), e.outcome(),
                e.vendorMessageId(), e.error()}) {
            String value = field == null ? "" : field.toString();
            text.append(SEP).append(value.length()).append(':').append(value);
        }
        return Sha256.hex(text.toString());
    }

    /** Microsecond precision: what both H2 and PostgreSQL keep. */
    private static String instant(Instant at) {
        return at == null ? "" : String.valueOf(at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000);
    }
}
