package com.casewire.timeentry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.time-entry.*}: the key that signs one-tap links. The workflow's rules live in
 * {@code routes/time-entry.rules.yaml} (integrator-owned); this is the hub's own secret.
 */
@ConfigurationProperties("hub.time-entry")
record TimeEntryProperties(@DefaultValue("") String linkSecret) {
}
