package com.casewire.lawpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.support.LawpayFixtures;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PayLinksTest {

    static final String PAGE = "https://secure.affinipay.com/pages/mybusiness/myaccount";

    @Test
    void addsAmountInCentsReferenceAndLocksBoth() {
        String link = PayLinks.build(PAGE, 50000, "INV-1042");

        assertThat(link).isEqualTo(PAGE + "?amount=50000&reference=INV-1042&readOnlyFields=reference,amount");
    }

    @Test
    void encodesTheReferenceSoItComesBackIntact() {
        String link = PayLinks.build(PAGE, 1000, "Smith & Co #7/2026 é+1");

        assertThat(link).isEqualTo(PAGE + "?amount=1000&reference=Smith%20%26%20Co%20%237%2F2026%20%C3%A9%2B1"
                + "&readOnlyFields=reference,amount");
        assertThat(URI.create(link).getQuery())
                .isEqualTo("amount=1000&reference=Smith & Co #7/2026 é+1&readOnlyFields=reference,amount");
    }

    @Test
    void keepsAnExistingQueryStringAndFragment() {
        String link = PayLinks.build(PAGE + "?utm_source=email&note=a%20b#pay", 2500, "INV-9");

        assertThat(link).isEqualTo(PAGE + "?utm_source=email&note=a%20b&amount=2500&reference=INV-9"
                + "&readOnlyFields=reference,amount#pay");
    }

    @Test
    void replacesOurParametersWhenThePageUrlAlreadyHasThem() {
        String link = PayLinks.build(PAGE + "?amount=1&reference=OLD&readOnlyFields=amount&x=1", 2500, "INV-9");

        assertThat(link).isEqualTo(PAGE + "?x=1&amount=2500&reference=INV-9&readOnlyFields=reference,amount");
    }

    @Test
    void anEmptyQueryStringIsNotDoubled() {
        assertThat(PayLinks.build(PAGE + "?", 100, "R")).isEqualTo(PAGE + "?amount=100&reference=R"
                + "&readOnlyFields=reference,amount");
    }

    @Test
    void refusesAmountsAndReferencesThePageCannotTake() {
        assertThatThrownBy(() -> PayLinks.build(PAGE, 0, "INV-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayLinks.build(PAGE, -5, "INV-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayLinks.build(PAGE, 100, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayLinks.build(PAGE, 100, "x".repeat(129)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usesTheConfiguredPageAndNamesTheKeyWhenItIsMissing() {
        PayLinks configured = new PayLinks(LawpayFixtures.lawpay("https://api.affinipay.com", "sk", PAGE));
        PayLinks unconfigured = new PayLinks(LawpayFixtures.lawpay("https://api.affinipay.com", "sk", null));

        assertThat(configured.forInvoice(12345, "INV-3")).startsWith(PAGE + "?amount=12345&reference=INV-3");
        assertThatThrownBy(() -> unconfigured.forInvoice(12345, "INV-3"))
                .hasMessageContaining("hub.lawpay.payment-page-url");
    }
}
