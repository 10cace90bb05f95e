package com.casewire.outbox;

import com.casewire.schedule.TimerHandler;
import org.springframework.stereotype.Component;

/** Fires when a RETRY_WAIT row is due: hands it back to its vendor's senders. Payload: "id:kind". */
@Component
class OutboxRetryTimer implements TimerHandler {

    private final OutboxSender sender;

    OutboxRetryTimer(OutboxSender sender) {
        this.sender = sender;
    }

    @Override
    public String kind() {
        return OutboxSender.RETRY_TIMER;
    }

    @Override
    public void run(String actionKey, String payload) {
        int colon = payload.indexOf(':');
        sender.dispatch(Long.parseLong(payload.substring(0, colon)), MessageKind.valueOf(payload.substring(colon + 1)));
    }
}
