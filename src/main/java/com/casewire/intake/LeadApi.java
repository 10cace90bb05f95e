package com.casewire.intake;

import com.casewire.api.ApiAnswers;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Staff API for leads, behind the REST DSL in {@code camel/api.camel.yaml} ({@code Authorization: Bearer
 * <hub.api.token>} like all of /api): list (optionally by state), show one with its history and conflict findings,
 * mark converted (contact and matter created in the practice-management system, route {@code intake-convert-lead})
 * or declined.
 */
@Component("leadApi")
public class LeadApi {

    private static final List<String> STATES = List.of(LeadRecord.NEW, LeadRecord.ACKNOWLEDGED, LeadRecord.BOOKED,
            LeadRecord.ESCALATED, LeadRecord.CONVERTED, LeadRecord.DECLINED);

    private final LeadStore leads;
    private final IntakeConversion conversion;
    private final ProducerTemplate camel;

    LeadApi(LeadStore leads, IntakeConversion conversion, ProducerTemplate camel) {
        this.leads = leads;
        this.conversion = conversion;
        this.camel = camel;
    }

    /** Every lead, newest first, or those in one state; an unknown state is a 400 naming the known ones. */
    public Object list(@Header("state") String state, Message message) {
        if (state != null && !STATES.contains(state)) {
            return ApiAnswers.refuse(message, 400, "unknown_state", "state must be one of " + String.join(", ", STATES));
        }
        return leads.list(state);
    }

    public Object show(@Header("id") String rawId, Message message) {
        OptionalLong id = ApiAnswers.id(rawId);
        if (id.isEmpty()) {
            return ApiAnswers.badId(message, rawId);
        }
        return leads.find(id.getAsLong()).<Object>map(lead -> Map.of("lead", lead,
                        "history", leads.events(id.getAsLong()),
                        "conflictMatches", lead.conflictDetail() == null || "CLEAR".equals(lead.conflictStatus())
                                ? List.of() : List.of(lead.conflictDetail().split("\n"))))
                .orElseGet(() -> notFound(message, id.getAsLong()));
    }

    /** Converts: body {@code {"matterDescription": "..."}} (optional) describes the matter to open. */
    public Object convert(@Header("id") String rawId, Message message) {
        return ApiAnswers.withIdAndBody(rawId, message, (id, body) -> {
            if (leads.find(id).isEmpty()) {
                return notFound(message, id);
            }
            Object description = body.get("matterDescription");
            try {
                return convertThroughRoute(id, description == null ? null : description.toString());
            } catch (IntakeConversion.Refused refused) {
                return ApiAnswers.refuse(message, 409, "cannot_convert", refused.getMessage());
            } catch (CamelExecutionException e) {
                return ApiAnswers.refuse(message, 502, "practice_management_failed", failure(e));
            }
        });
    }

    /**
     * Runs route {@code intake-convert-lead} for the lead (the staff API and the lead page both convert this way).
     *
     * @throws IntakeConversion.Refused when the lead cannot be converted as it is
     * @throws CamelExecutionException when the practice-management system failed ({@link #failure} says how)
     */
    IntakeConversion.Converted convertThroughRoute(long id, String matterDescription) {
        try {
            return camel.requestBodyAndHeader("direct:intake-convert", String.valueOf(id), "casewireMatterDescription",
                    matterDescription, IntakeConversion.Converted.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof IntakeConversion.Refused refused) {
                throw refused;
            }
            throw e;
        }
    }

    static String failure(CamelExecutionException e) {
        return String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }

    /** Declines: body {@code {"reason": "..."}} (optional) is kept with the lead. */
    public Object decline(@Header("id") String rawId, Message message) {
        return ApiAnswers.withIdAndBody(rawId, message, (id, body) -> {
            if (leads.find(id).isEmpty()) {
                return notFound(message, id);
            }
            Object reason = body.get("reason");
            if (!conversion.decline(id, reason == null ? null : reason.toString())) {
                return ApiAnswers.refuse(message, 409, "closed",
                        "lead " + id + " is already " + leads.find(id).orElseThrow().state());
            }
            return leads.find(id).orElseThrow();
        });
    }

    private static Map<String, Object> notFound(Message message, long id) {
        return ApiAnswers.refuse(message, 404, "not_found", "no lead " + id);
    }
}
