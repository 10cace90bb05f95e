package com.casewire.retainer;

import com.casewire.config.HubProperties;
import com.casewire.lawpay.LawpayProperties;
import com.casewire.practice.mycase.MyCaseProperties;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at start-up when the firm's practice system cannot give the workflow a trust balance: MyCase documents no
 * trust-balance endpoint, so without {@code hub.mycase.trust-balances-path} every check is skipped and no reminder is
 * sent (a missing balance is never read as an empty account). Also warns when reminders would go without a pay link.
 */
class RetainerAvailability {

    private static final Logger log = LoggerFactory.getLogger(RetainerAvailability.class);

    private final Optional<String> warning;

    RetainerAvailability(HubProperties hub, LawpayProperties lawpay, MyCaseProperties mycase) {
        this.warning = warning(hub, mycase);
        warning.ifPresent(log::warn);
        if (lawpay.paymentPageUrl() == null || lawpay.paymentPageUrl().isBlank()) {
            log.warn("hub.lawpay.payment-page-url is not set: retainer reminders go without a LawPay pay link");
        }
    }

    static Optional<String> warning(HubProperties hub, MyCaseProperties mycase) {
        if ("mycase".equals(hub.practiceManagement()) && !mycase.hasTrustBalancesPath()) {
            return Optional.of("Retainer reminders are off: MyCase documents no trust-balance endpoint and "
                    + "hub.mycase.trust-balances-path is not set. No matter is checked and no reminder is sent; set the key "
                    + "to a trust-balance endpoint MyCase has confirmed for the firm to turn them on.");
        }
        return Optional.empty();
    }

    /** The start-up warning, when there is one. */
    Optional<String> warning() {
        return warning;
    }
}
