package com.casewire.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.UUID;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ladder's operator view over JMX: balances by stage, days to collect, and "run now". */
@DisableJmx(false)
@DirtiesContext // owns the hub's JMX names in this JVM while it runs (as SpineOnH2Test does)
class BillingJmxOnH2Test extends HubIntegrationTest {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:billing-jmx-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.jmx.enabled", () -> "true");
        registry.add("hub.lawpay.payment-page-url", () -> "https://secure.affinipay.com/pages/testlaw/operating");
    }

    @Test
    @SuppressWarnings("unchecked")
    void balancesByStageDaysToCollectAndRunNow() throws Exception {
        jdbc.update("DELETE FROM billing_stage", Map.of());
        jdbc.update("DELETE FROM billing_invoice", Map.of());
        jdbc.update("""
                INSERT INTO billing_invoice (invoice_id, invoice_number, reference, client_id, client_name, matter_id, issued_on,
                    due_on, total_cents, ledger_balance_cents, lawpay_paid_cents, first_seen_on, stopped_on, stop_reason, updated_at)
                VALUES ('1', 'J-1', 'J-1', '5', 'A', '9', DATE '2026-10-01', DATE '2026-10-31', 10000, 10000, 2500,
                        DATE '2026-11-01', NULL, NULL, CURRENT_TIMESTAMP),
                       ('2', 'J-2', 'J-2', '5', 'A', '9', DATE '2026-10-01', DATE '2026-10-31', 5000, 5000, 5000,
                        DATE '2026-11-01', DATE '2026-11-20', 'paid-lawpay', CURRENT_TIMESTAMP)""", Map.of());
        jdbc.update("""
                INSERT INTO billing_stage (invoice_id, stage, run_on, amount_cents, outcome, recorded_at)
                VALUES ('1', 1, DATE '2026-11-07', 7500, 'email', CURRENT_TIMESTAMP),
                       ('1', 2, DATE '2026-11-14', 7500, 'email', CURRENT_TIMESTAMP)""", Map.of());
        clio.stubFor(get(urlPathEqualTo("/api/v4/bills.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":[],\"meta\":{\"paging\":{}}}")));

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName ladder = new ObjectName("com.casewire:type=Billing,name=ladder");
        assertThat((Map<Object, Object>) server.getAttribute(ladder, "OpenBalanceByStage"))
                .containsEntry("none", 0L).containsEntry("reminder", 0L).containsEntry("second-notice", 7500L)
                .containsEntry("escalation", 0L);
        assertThat(server.getAttribute(ladder, "AverageDaysToCollect")).isEqualTo(50.0); // Oct 1 to Nov 20
        assertThat((Map<Object, Object>) server.getAttribute(ladder, "DaysToCollect")).containsEntry("J-2", 50L);

        // run now: Clio no longer lists J-1 as overdue, so the ladder stops it
        assertThat((String) server.invoke(ladder, "runNow", new Object[0], new String[0])).contains("stopped=[J-1]");
        assertThat((Map<Object, Object>) server.getAttribute(ladder, "OpenBalanceByStage")).containsEntry("second-notice", 0L);
    }
}
