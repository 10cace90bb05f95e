package com.casewire.notify;

import com.casewire.api.ApiAnswers;
import java.util.List;
import java.util.Map;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The approvals part of the staff API ({@code /api/approvals}, REST DSL in {@code camel/api.camel.yaml}): notifications
 * parked for an attorney's approval, and approving or rejecting one. Path and query parameters arrive as headers; a
 * JSON body as a map; refusals answer through {@link ApiAnswers}. The signed links in the approval email are
 * {@link ApprovalLinkController}'s.
 */
@Component("approvalApi")
public class ApprovalApi {

    private final Approvals approvals;
    private final ApprovalWorkflow approvalWorkflow;

    ApprovalApi(Approvals approvals, ApprovalWorkflow approvalWorkflow) {
        this.approvals = approvals;
        this.approvalWorkflow = approvalWorkflow;
    }

    public List<Approvals.Parked> pendingApprovals() {
        return approvals.inState(ApprovalState.PENDING);
    }

    /**
     * Approves a parked notification: exactly its text goes out through notify, once. An optional JSON body
     * {@code {"text": "..."}} is an edit: that text goes out instead, on the same channel.
     */
    public Object approve(@Header("id") String rawId, @Header("by") String by, Message message) {
        return ApiAnswers.withIdAndBody(rawId, message, (id, body) -> {
            String text = text(body, "text");
            if (approvalWorkflow.approve(id, decider(by), text) != ApprovalWorkflow.Outcome.APPROVED) {
                return notPending(message, id);
            }
            return Map.of("status", "approved", "id", id, "edited", text != null && !text.isBlank());
        });
    }

    /** Rejects a parked notification: nothing is sent; an optional JSON body {@code {"reason": "..."}} is kept. */
    public Object reject(@Header("id") String rawId, @Header("by") String by, Message message) {
        return ApiAnswers.withIdAndBody(rawId, message, (id, body) ->
                approvalWorkflow.reject(id, decider(by), text(body, "reason")) != ApprovalWorkflow.Outcome.REJECTED
                        ? notPending(message, id) : Map.of("status", "rejected", "id", id));
    }

    /** A field of a JSON body as text: null when absent or JSON null, numbers and booleans as written. */
    private static String text(Map<String, Object> fields, String name) {
        Object value = fields == null ? null : fields.get(name);
        return value == null ? null : value.toString();
    }

    private static String decider(String by) {
        return by == null || by.isBlank() ? "api" : by;
    }

    private static Map<String, Object> notPending(Message message, long id) {
        return ApiAnswers.refuse(message, 409, "not_pending", "approval " + id + " does not exist or was decided already");
    }
}
