package com.casewire.lawpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.canonical.PaymentEvent;
import com.casewire.inbox.UnprocessableEvent;
import com.casewire.support.LawpayFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LawpayEventMapperTest {

    static final ObjectMapper json = new ObjectMapper();
    static final Instant RECEIVED = Instant.parse("2026-11-24T17:05:00Z");

    static JsonNode read(String body) throws Exception {
        return json.readTree(body);
    }

    @Test
    void completedChargeBecomesACompletedPayment() throws Exception {
        JsonNode event = read(LawpayFixtures.event("evt_1", "transaction.completed", "txn_1", "50000", "INV-1042", null));

        PaymentEvent payment = LawpayEventMapper.toPaymentEvent(event, RECEIVED).orElseThrow();

        assertThat(payment).isEqualTo(new PaymentEvent("evt_1", PaymentEvent.Type.COMPLETED, "txn_1", 50000L, "USD",
                "INV-1042", "INV-1042", null, Instant.parse("2026-11-24T17:03:13.317Z")));
    }

    @Test
    void failedChargeCarriesTheFailureCode() throws Exception {
        JsonNode event = read(LawpayFixtures.event("evt_2", "transaction.failed", "txn_2", "1999", "INV-7",
                "card_declined"));

        PaymentEvent payment = LawpayEventMapper.toPaymentEvent(event, RECEIVED).orElseThrow();

        assertThat(payment.type()).isEqualTo(PaymentEvent.Type.FAILED);
        assertThat(payment.failureCode()).isEqualTo("card_declined");
        assertThat(payment.amountCents()).isEqualTo(1999L);
    }

    @Test
    void amountAsAStringOfCentsIsRead() throws Exception {
        JsonNode event = read(LawpayFixtures.event("evt_3", "transaction.completed", "txn_3", "\"50000\"", "INV-1", null));

        assertThat(LawpayEventMapper.toPaymentEvent(event, RECEIVED).orElseThrow().amountCents()).isEqualTo(50000L);
    }

    @Test
    void otherEventTypesAreNotPayments() throws Exception {
        for (String type : new String[] {"transaction.authorized", "transaction.voided", "transaction.updated",
                "recurring_charge.occurrence.paid", "payment_method.expiring"}) {
            JsonNode event = read(LawpayFixtures.event("evt_4", type, "txn_4", "100", "INV-1", null));

            assertThat(LawpayEventMapper.toPaymentEvent(event, RECEIVED)).as(type).isEmpty();
        }
    }

    @Test
    void aCompletedTransactionThatIsNotAChargeIsNotAPayment() throws Exception {
        ObjectNode event = (ObjectNode) read(LawpayFixtures.event("evt_5", "transaction.completed", "txn_5", "100",
                "INV-1", null));
        ((ObjectNode) event.get("data")).put("type", "REFUND");

        assertThat(LawpayEventMapper.toPaymentEvent(event, RECEIVED)).isEmpty();
    }

    @Test
    void missingCurrencyIsTheGatewayDefaultAndMissingCreatedIsTheReceiptTime() throws Exception {
        ObjectNode event = (ObjectNode) read(LawpayFixtures.event("evt_6", "transaction.completed", "txn_6", "100",
                null, null));
        ((ObjectNode) event.get("data")).remove("currency");
        event.remove("created");

        PaymentEvent payment = LawpayEventMapper.toPaymentEvent(event, RECEIVED).orElseThrow();

        assertThat(payment.currency()).isEqualTo("USD");
        assertThat(payment.occurredAt()).isEqualTo(RECEIVED);
        assertThat(payment.reference()).isNull();
        assertThat(payment.invoiceReference()).isNull();
    }

    @Test
    void aPaymentWithoutAReadableAmountIsUnprocessable() throws Exception {
        for (String amount : new String[] {"null", "\"12.50\"", "-1", "1.5"}) {
            JsonNode event = read(LawpayFixtures.event("evt_7", "transaction.completed", "txn_7", amount, "INV-1", null));

            assertThatThrownBy(() -> LawpayEventMapper.toPaymentEvent(event, RECEIVED)).as(amount)
                    .isInstanceOf(UnprocessableEvent.class).hasMessageContaining("evt_7");
        }
    }

    @Test
    void aPaymentWithoutTransactionIdIsUnprocessable() throws Exception {
        ObjectNode event = (ObjectNode) read(LawpayFixtures.event("evt_8", "transaction.completed", "txn_8", "100",
                "INV-1", null));
        ((ObjectNode) event.get("data")).remove("id");

        assertThatThrownBy(() -> LawpayEventMapper.toPaymentEvent(event, RECEIVED))
                .isInstanceOf(UnprocessableEvent.class);
    }
}
