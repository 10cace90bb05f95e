package com.casewire.inbox;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.casewire.support.TestHubProperties;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

class InboxProcessorTest {

    @Test
    void beforeTheRoutesRunARowIsLeftForTheSweepWithoutCountingAnAttempt() {
        InboxStore inbox = mock(InboxStore.class);
        TransactionTemplate tx = mock(TransactionTemplate.class);
        ProducerTemplate camel = mock(ProducerTemplate.class);
        CamelContext context = mock(CamelContext.class);
        when(camel.getCamelContext()).thenReturn(context);
        when(context.isStarted()).thenReturn(false);
        TestHubProperties hub = TestHubProperties.bind(TestHubProperties.required());

        new InboxProcessor(inbox, camel, Clock.systemUTC(), hub.inbox(), tx).process(42);

        verifyNoInteractions(inbox, tx);
    }
}
