package com.casewire.billing;

import com.casewire.config.FirmProperties;
import com.casewire.config.HubProperties;
import com.casewire.db.InsertOnce;
import com.casewire.lawpay.PayLinks;
import com.casewire.mail.MailProperties;
import com.casewire.notify.MessageTemplates;
import com.casewire.outbox.Outbox;
import com.casewire.payments.PaymentEvents;
import com.casewire.practice.PracticeLedger;
import com.casewire.practice.PracticeManagement;
import com.casewire.staff.StaffDirectory;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The billing follow-up workflow's beans (routes/billing.camel.yaml calls billingLadder and billingPayments). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingProperties.class)
class BillingConfig {

    @Bean
    BillingRules billingRules(HubProperties hub) {
        return BillingRules.load(Path.of(hub.routesDir(), "billing.rules.yaml"));
    }

    @Bean
    BillingStore billingStore(NamedParameterJdbcTemplate jdbc, InsertOnce insertOnce) {
        return new BillingStore(jdbc, insertOnce);
    }

    @Bean
    BillingMessages billingMessages(MessageTemplates templates, PayLinks payLinks, BillingProperties billing,
                                    MailProperties mail, FirmProperties firm) {
        String from = billing.from().isBlank() ? mail.from() : billing.from();
        return new BillingMessages(templates, payLinks, firm.name(), from, billing.fromName(), billing.replyTo());
    }

    @Bean
    BillingStatements billingStatements(BillingRules rules, BillingStore store, BillingMessages messages,
                                        PracticeManagement practice, StaffDirectory staff, Outbox outbox,
                                        TransactionTemplate tx, Clock clock) {
        return new BillingStatements(rules, store, messages, practice, staff, outbox, tx, clock);
    }

    @Bean
    BillingLadder billingLadder(BillingRules rules, BillingStore store, BillingMessages messages, BillingStatements statements,
                                PracticeLedger ledger, PracticeManagement practice, PaymentEvents payments,
                                StaffDirectory staff, Outbox outbox, ProducerTemplate camel, TransactionTemplate tx,
                                FirmProperties firm, Clock clock) {
        return new BillingLadder(rules, store, messages, statements, ledger, practice, payments, staff, outbox, camel, tx,
                firm.zone(), clock);
    }

    @Bean
    BillingPayments billingPayments(BillingStore store, PaymentEvents payments, PracticeManagement practice, Outbox outbox,
                                    FirmProperties firm, Clock clock) {
        return new BillingPayments(store, payments, practice, outbox, firm.zone(), clock);
    }

    @Bean
    BillingReport billingReport(BillingStore store, FirmProperties firm, Clock clock) {
        return new BillingReport(store, firm.zone(), clock);
    }

    @Bean
    BillingOperations billingOperations(BillingReport report, BillingLadder ladder) {
        return new BillingOperations(report, ladder);
    }
}
