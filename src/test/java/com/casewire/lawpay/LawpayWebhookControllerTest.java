package com.casewire.lawpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.LawpayFixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

class LawpayWebhookControllerTest {

    static final ObjectMapper json = new ObjectMapper();

    @Test
    void withoutASecretKeyTheEndpointSaysLawpayIsNotConfigured() throws Exception {
        LawpayWebhookController controller = new LawpayWebhookController(
                LawpayFixtures.lawpay("https://api.affinipay.com", " ", null), LawpayFixtures.webhooks(), null);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/lawpay");
        request.setContent("{\"id\":\"evt_1\"}".getBytes());

        ResponseEntity<Map<String, Object>> response = controller.receive(request);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getBody()).containsEntry("error", "not_configured");
        assertThat((String) response.getBody().get("message")).contains("LawPay is not configured")
                .contains("hub.lawpay.secret-key");
    }

    @Test
    void aDeliveryIsAHintReFetchedFromTheGatewaySoItIsNeverProcessedAtTheEdge() {
        assertThat(LawpayWebhookController.KIND.alwaysCallsVendor()).isTrue();
        assertThat(LawpayWebhookController.KIND.sequenceKey().apply(json.createObjectNode())).isNull();
    }

    @Test
    void aDeliveryNeedsAnEventId() throws Exception {
        assertThat(LawpayWebhookController.shapeProblem(json.readTree("{\"id\":\"evt_1\",\"type\":\"x\"}"))).isEmpty();
        assertThat(LawpayWebhookController.shapeProblem(json.readTree("{\"id\":12345}"))).isEmpty();
        assertThat(LawpayWebhookController.shapeProblem(json.readTree("[]"))).hasValue(
                "body must be a JSON event object with an id");
        assertThat(LawpayWebhookController.shapeProblem(json.readTree("{\"type\":\"transaction.completed\"}")))
                .hasValue("id is required");
        assertThat(LawpayWebhookController.shapeProblem(json.readTree("{\"id\":\" \"}"))).hasValue("id is required");
        assertThat(LawpayWebhookController.shapeProblem(json.readTree("{\"id\":{\"a\":1}}"))).hasValue("id is required");
        assertThat(LawpayWebhookController.shapeProblem(json.readTree("{\"id\":\"a b\"}"))).isPresent();
        assertThat(LawpayWebhookController.shapeProblem(json.readTree("{\"id\":\"" + "x".repeat(201) + "\"}")))
                .isPresent();
    }
}
