package com.casewire.billing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

class BillingPropertiesTest {

    final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void emptyMeansTheHubsSenderAndAddressesMustBeAddresses() {
        assertThat(validator.validate(new BillingProperties("", "", ""))).isEmpty();
        assertThat(validator.validate(new BillingProperties("billing@firm.example", "accounts@firm.example", "Firm Billing")))
                .isEmpty();
        assertThat(validator.validate(new BillingProperties("billing at firm", "accounts", ""))).extracting(ConstraintViolation::getMessage)
                .containsExactlyInAnyOrder("hub.billing.from must be an email address", "hub.billing.reply-to must be an email address");
    }
}
