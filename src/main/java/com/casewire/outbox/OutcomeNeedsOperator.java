package com.casewire.outbox;

/**
 * Thrown by {@link OutboundChannel#findSent} when the vendor cannot be searched for the record and the firm has chosen
 * that such a send is neither resent blindly nor guessed sent (MyCase, see docs/connectors/mycase.md): the row goes
 * DEAD at once with this message, for a person to check the vendor and replay it or leave it.
 */
public class OutcomeNeedsOperator extends RuntimeException {

    public OutcomeNeedsOperator(String message) {
        super(message);
    }
}
