package com.casewire.twilio;

import com.casewire.audit.ChainSealer;
import com.casewire.audit.CommunicationLog;
import com.casewire.audit.LogEntry;
import com.casewire.canonical.CallEvent;
import com.casewire.db.AfterCommit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Beans for Twilio voice status callbacks: the normalizer (stored form body to {@link CallEvent}) and the
 * record of each final call status on the communication log, so the firm can show every contact attempt,
 * answered or missed. Ringing and in-progress updates are not recorded.
 */
@Component("callStatus")
public class CallStatusHandler {

    private final CommunicationLog commLog;
    private final ChainSealer sealer;

    CallStatusHandler(CommunicationLog commLog, ChainSealer sealer) {
        this.commLog = commLog;
        this.sealer = sealer;
    }

    public CallEvent normalize(@Body String formBody, @Header("casewireReceivedAt") Instant receivedAt) {
        Map<String, List<String>> params = FormBody.parse(formBody);
        return new CallEvent(FormBody.first(params, "CallSid"), FormBody.first(params, "CallStatus"),
                FormBody.first(params, "From"), FormBody.first(params, "To"), receivedAt,
                FormBody.first(params, "Digits"));
    }

    public void record(@Body CallEvent call) {
        if (!call.missed() && !"completed".equals(call.status())) {
            return;
        }
        commLog.record(new LogEntry("call:" + call.callSid() + ":" + call.status(), call.occurredAt(),
                commLog.latestMatterFor(call.from()).orElse(null), null, call.from(), "voice", "inbound", null, null,
                "Call from " + call.from() + " to " + call.to() + ": " + call.status(), call.missed() ? "MISSED" : "ANSWERED",
                call.callSid(), null));
        AfterCommit.run(sealer::requestSeal);
    }
}
