package com.casewire.notify;

/** Where a parked notification stands; stored as its {@link #name()} in {@code approval.state}. */
public enum ApprovalState {
    /** Waiting for an attorney. */
    PENDING,
    APPROVED,
    REJECTED
}
