package com.casewire.outbox;

/**
 * What one outbox row asks a vendor to do, stored as the row's JSON payload.
 *
 * @param kind SMS, EMAIL or MATTER_NOTE
 * @param to E.164 number, email address, or matter id for a note
 * @param clientCommunication whether it goes into the communication log as something the client was told
 * @param writeBack whether a note recording it is written on the matter once it is sent
 */
public record OutboundMessage(String kind, String to, String recipientName, String subject, String body,
                              String matterId, String workflow, String template, String channel,
                              boolean clientCommunication, boolean writeBack) {

    public static final String SMS = "SMS";
    public static final String EMAIL = "EMAIL";
    public static final String MATTER_NOTE = "MATTER_NOTE";
}
