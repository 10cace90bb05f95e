package com.casewire.webhook;

/**
 * What one outbound webhook row asks for, stored as the outbox message's body: the method, the content type and the
 * payload (the URL is the message's address).
 */
record WebhookRequest(String method, String contentType, String payload) {
}
