package com.casewire.vendor;

import java.time.Duration;

/**
 * A failed vendor call, classified: transient failures (5xx, 429, timeouts, connection errors) are worth
 * retrying, permanent ones (a bad number, an opted-out recipient, other 4xx) are not. A transient failure whose
 * outcome is unknown (the request left, the answer never came) must not simply be sent again: the outbox asks the
 * vendor first ({@link com.casewire.outbox.OutboundChannel#findSent}).
 */
public class VendorException extends RuntimeException {

    private final String vendor;
    private final boolean transientFailure;
    private final int httpStatus;
    private final String vendorCode;
    private final Duration retryAfter;
    private final boolean outcomeUnknown;

    public VendorException(String vendor, boolean transientFailure, int httpStatus, String vendorCode, String message,
                           Duration retryAfter, Throwable cause) {
        this(vendor, transientFailure, httpStatus, vendorCode, message, retryAfter, cause, false);
    }

    private VendorException(String vendor, boolean transientFailure, int httpStatus, String vendorCode, String message,
                            Duration retryAfter, Throwable cause, boolean outcomeUnknown) {
        super(vendor + (httpStatus > 0 ? " HTTP " + httpStatus : "") + (vendorCode != null ? " code " + vendorCode : "")
                + ": " + message, cause);
        this.vendor = vendor;
        this.transientFailure = transientFailure;
        this.httpStatus = httpStatus;
        this.vendorCode = vendorCode;
        this.retryAfter = retryAfter;
        this.outcomeUnknown = outcomeUnknown;
    }

    /** A transient failure after the request may have reached the vendor: a time-out or a connection lost mid-answer. */
    public static VendorException outcomeUnknown(String vendor, String message, Throwable cause) {
        return new VendorException(vendor, true, 0, null, message, null, cause, true);
    }

    public String vendor() {
        return vendor;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String vendorCode() {
        return vendorCode;
    }

    /** The wait the vendor asked for (Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether the vendor may have done what was asked although no answer came back. */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
