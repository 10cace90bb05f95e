package com.casewire.outbox;

/**
 * When an outbox row may go, as SQL conditions the claim statements of {@link OutboxStore} share: one recipient's
 * messages go in order (a row waits while an earlier row with its sequence key is unsettled), and a paused workflow's
 * rows wait without holding back another workflow's ({@link WorkflowPauses}).
 */
final class ClaimConditions {

    /** Rows that hold back later rows to the same recipient: not yet sent, or sent with an unknown outcome. */
    static final String UNSETTLED = "('PENDING', 'RETRY_WAIT', 'SENDING', 'UNKNOWN')";
    /**
     * Of those, a row waiting because its workflow is paused holds nothing back: pausing one workflow does not stop
     * another's messages to the same recipient. A row already SENDING or UNKNOWN still does (it may have gone out).
     */
    static final String HOLDS_BACK = "earlier.state IN " + UNSETTLED + """
             AND NOT (earlier.state IN ('PENDING', 'RETRY_WAIT')
                      AND EXISTS (SELECT 1 FROM workflow_pause p WHERE p.workflow = earlier.workflow))""";
    /** A row of a paused workflow is not claimed (EXISTS, not IN: a NULL workflow is never paused). */
    static final String NOT_PAUSED = """
            NOT EXISTS (SELECT 1 FROM workflow_pause p WHERE p.workflow = outbox_message.workflow)""";
    /** A row waits while an earlier row to the same recipient is unsettled: one recipient's messages go in order. */
    static final String NONE_UNSETTLED_BEFORE = """
            NOT EXISTS (SELECT 1 FROM outbox_message earlier WHERE earlier.sequence_key = outbox_message.sequence_key
                        AND earlier.id < outbox_message.id AND\s""" + HOLDS_BACK + ")";

    private ClaimConditions() {
    }
}
