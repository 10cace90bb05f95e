package com.casewire.vendor;

import java.time.Duration;

/**
 * A failed vendor call, classified: transient failures (5xx, 429, timeouts, connection errors) are worth
 * retrying, permanent ones (a bad number, an opted-out recipient, other 4xx) are not.
 */
public class VendorException extends RuntimeException {

    private final String vendor;
    private final boolean transientFailure;
    private final int httpStatus;
    private final String vendorCode;
    private final Duration retryAfter;

    public VendorException(String vendor, boolean transientFailure, int httpStatus, String vendorCode, String message,
                           Duration retryAfter, Throwable cause) {
        super(vendor + (httpStatus > 0 ? " HTTP " + httpStatus : "") + (vendorCode != null ? " code " + vendorCode : "")
                + ": " + message, cause);
        this.vendor = vendor;
        this.transientFailure = transientFailure;
        this.httpStatus = httpStatus;
        this.vendorCode = vendorCode;
        this.retryAfter = retryAfter;
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
}
