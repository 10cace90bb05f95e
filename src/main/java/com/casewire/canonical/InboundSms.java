package com.casewire.canonical;

import java.time.Instant;

/** A text message a person sent to one of the firm's numbers. */
public record InboundSms(String messageSid, String from, String to, String body, Instant receivedAt) {
}
