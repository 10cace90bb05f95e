package com.casewire.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An email's envelope survives the outbox row's JSON (retries read it back); rows stored before it read as none. */
class OutboundMessageEnvelopeTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theEnvelopeRoundTripsAndOldRowsHaveNone() throws Exception {
        OutboundMessage message = OutboundMessage.email("pat@example.com", "Pat", "Subject", "Body").withMatter("1004")
                .withWorkflow("retainer").withTemplate("retainer/reminder.email.txt").asClientCommunication().withWriteBack()
                .withEnvelope(new OutboundMessage.Envelope("Alex Counsel", "alex@firm.example", List.of("alex@firm.example")));

        OutboundMessage read = json.readValue(json.writeValueAsString(message), OutboundMessage.class);
        assertThat(read).isEqualTo(message);
        assertThat(read.envelope().cc()).containsExactly("alex@firm.example");

        String before = """
                {"kind":"EMAIL","to":"jane@example.com","recipientName":"Jane","subject":"s","body":"b","matterId":"1001",\
                "workflow":"matter-status","template":"t","channel":"email","clientCommunication":true,"writeBack":true,\
                "htmlBody":null,"attachments":[]}""";
        assertThat(json.readValue(before, OutboundMessage.class).envelope()).isNull();
    }
}
