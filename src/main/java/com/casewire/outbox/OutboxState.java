package com.casewire.outbox;

/**
 * Where an outbox row stands; stored as its {@link #name()} in {@code outbox_message.state}.
 * <ul>
 *   <li>{@link #PENDING}: waiting to be claimed.</li>
 *   <li>{@link #SENDING}: claimed; an attempt is under way.</li>
 *   <li>{@link #RETRY_WAIT}: an attempt failed transiently; a durable timer re-drives it.</li>
 *   <li>{@link #UNKNOWN}: an attempt's outcome is unknown; the vendor is asked before anything is sent again.</li>
 *   <li>{@link #SENT}: the vendor has it.</li>
 *   <li>{@link #FAILED}: a permanent vendor error.</li>
 *   <li>{@link #DEAD}: retries exhausted; an operator can replay it.</li>
 * </ul>
 */
public enum OutboxState {
    PENDING, SENDING, RETRY_WAIT, UNKNOWN, SENT, FAILED, DEAD
}
