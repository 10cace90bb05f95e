package com.casewire.inbox;

/**
 * An inbox row that can never be processed as it stands (an unknown matter, a record with no client):
 * it is marked FAILED with this message at once instead of being retried.
 */
public class UnprocessableEvent extends RuntimeException {

    public UnprocessableEvent(String message) {
        super(message);
    }
}
