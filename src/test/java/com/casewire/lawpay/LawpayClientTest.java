package com.casewire.lawpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.LawpayFixtures;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LawpayClientTest {

    final LawpayClient client = new LawpayClient(LawpayFixtures.lawpay("https://api.affinipay.com",
            LawpayFixtures.SECRET_KEY, null), new VendorHttp(Duration.ofSeconds(1), Clock.systemUTC()),
            new ObjectMapper());

    @Test
    void secretKeyIsTheBasicAuthUserWithAnEmptyPassword() {
        assertThat(LawpayClient.basicAuth("sk_test_abc")).isEqualTo("Basic c2tfdGVzdF9hYmM6"); // "sk_test_abc:"
    }

    @Test
    void gatewayErrorBodyGivesTheFirstCodeAndEveryMessage() {
        VendorHttp.ErrorDetail detail = client.errorDetail("""
                {"messages":[{"code":"card_number_invalid","level":"error","message":"Card number is invalid",\
                "facility":"gateway","context":"method.number"},\
                {"code":"not_blank","level":"error","message":"Name may not be blank","facility":"gateway",\
                "context":"method.name","sub_code":"not_blank"}]}""");

        assertThat(detail.code()).isEqualTo("card_number_invalid");
        assertThat(detail.message())
                .isEqualTo("method.number: Card number is invalid; method.name: Name may not be blank");
    }

    @Test
    void anErrorBodyOfAnotherShapeGivesNoDetail() {
        assertThat(client.errorDetail("{\"error\":\"nope\"}")).isNull();
    }
}
