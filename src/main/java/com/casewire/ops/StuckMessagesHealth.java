package com.casewire.ops;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Work that waits for a person: inbox events no route could process (FAILED), outbox messages that gave up (DEAD) and
 * durable timers that exhausted their attempts. DOWN while any waits, with the figures and where to look; kept out of
 * the overall status and readiness ({@link HealthConfig}): a restart would not fix a broken template, a replay after
 * the fix does.
 */
class StuckMessagesHealth implements HealthIndicator {

    private final HubOperations ops;

    StuckMessagesHealth(HubOperations ops) {
        this.ops = ops;
    }

    @Override
    public Health health() {
        long inboxFailed = ops.getInboxFailed();
        long deadLetters = ops.getDeadLetters();
        long deadTimers = ops.getDeadTimers();
        Health.Builder health = inboxFailed + deadLetters + deadTimers == 0 ? Health.up() : Health.down();
        return health.withDetail("inboxFailed", inboxFailed).withDetail("outboxDead", deadLetters)
                .withDetail("timersDead", deadTimers)
                .withDetail("see", "GET /api/inbox?state=FAILED, /api/outbox/dead-letters, /api/timers/dead; "
                        + "replay with POST .../{id}/replay once the cause is fixed")
                .build();
    }
}
