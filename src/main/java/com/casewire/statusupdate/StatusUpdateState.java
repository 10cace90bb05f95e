package com.casewire.statusupdate;

/** Where a recorded milestone occurrence stands; stored as its {@link #name()} in {@code status_update.state}. */
enum StatusUpdateState {
    /** Waits for its matter's update window; goes out combined with the others pending then. */
    PENDING,
    /** Went out (alone or combined). */
    SENT,
    /** Parked for an attorney's approval; not throttled by the window. */
    APPROVAL
}
