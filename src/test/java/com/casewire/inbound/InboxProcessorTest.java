package com.casewire.inbound;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.casewire.config.HubProperties;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

class InboxProcessorTest {

    @Test
    void beforeTheRoutesRunARowIsLeftForTheSweepWithoutCountingAnAttempt() {
        InboxRepository inbox = mock(InboxRepository.class);
        TransactionTemplate tx = mock(TransactionTemplate.class);
        ProducerTemplate camel = mock(ProducerTemplate.class);
        CamelContext context = mock(CamelContext.class);
        when(camel.getCamelContext()).thenReturn(context);
        when(context.isStarted()).thenReturn(false);
        HubProperties hub = new Binder(new MapConfigurationPropertySource(Map.of(
                "hub.public-base-url", "https://hub.example", "hub.practice-management", "clio", "hub.firm.name", "F",
                "hub.clio.base-url", "https://app.clio.com/api/v4", "hub.clio.access-token", "t",
                "hub.twilio.account-sid", "AC1", "hub.twilio.auth-token", "t", "hub.twilio.from-number", "+15555550199",
                "hub.mail.from", "a@b.example"))).bind("hub", HubProperties.class).get();

        new InboxProcessor(inbox, camel, Clock.systemUTC(), hub, tx).process(42);

        verifyNoInteractions(inbox, tx);
    }
}
