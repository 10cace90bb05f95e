package com.casewire.retainer;

import com.casewire.config.FirmProperties;
import com.casewire.config.HubProperties;
import com.casewire.db.InsertOnce;
import com.casewire.lawpay.LawpayProperties;
import com.casewire.lawpay.PayLinks;
import com.casewire.notify.ChannelPreferences;
import com.casewire.outbox.Outbox;
import com.casewire.practice.PracticeLedger;
import com.casewire.practice.PracticeManagement;
import com.casewire.practice.mycase.MyCaseProperties;
import com.casewire.schedule.DurableTimers;
import com.casewire.schedule.TimerHandler;
import com.casewire.staff.FirmStaff;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetainerProperties.class)
class RetainerConfig {

    static final String LADDER_ENDPOINT = "direct:retainer-ladder";

    @Bean
    RetainerRules retainerRules(HubProperties hub) {
        return RetainerRules.load(Path.of(hub.routesDir(), "retainer.rules.yaml"));
    }

    @Bean
    RetainerAvailability retainerAvailability(HubProperties hub, LawpayProperties lawpay, MyCaseProperties mycase) {
        return new RetainerAvailability(hub, lawpay, mycase);
    }

    @Bean
    RetainerStore retainerStore(NamedParameterJdbcTemplate jdbc, InsertOnce insertOnce) {
        return new RetainerStore(jdbc, insertOnce);
    }

    @Bean
    RetainerLadder retainerLadder(DurableTimers timers, RetainerRules rules, FirmProperties firm) {
        return new RetainerLadder(timers, rules, firm.zone());
    }

    @Bean
    RetainerWatch retainerWatch(RetainerRules rules, RetainerStore store, RetainerLadder ladder, PracticeManagement practice,
                                PracticeLedger ledger, Clock clock) {
        return new RetainerWatch(rules, store, ladder, practice, ledger, clock);
    }

    @Bean
    RetainerReminders retainerReminders(RetainerRules rules, RetainerStore store, RetainerLadder ladder, RetainerWatch watch,
                                        PracticeManagement practice, PracticeLedger ledger, FirmStaff staff,
                                        PayLinks payLinks, Outbox outbox, ChannelPreferences preferences,
                                        LawpayProperties lawpay, Clock clock) {
        String page = lawpay.paymentPageUrl();
        return new RetainerReminders(rules, store, ladder, watch, practice, ledger, staff, payLinks,
                page != null && !page.isBlank(), outbox, preferences, clock);
    }

    @Bean
    RetainerSweep retainerSweep(PracticeLedger ledger, RetainerStore store, ProducerTemplate camel, TransactionTemplate tx) {
        return new RetainerSweep(ledger, store, camel, tx);
    }

    @Bean
    Retainers retainers(RetainerStore store, RetainerReminders reminders, Clock clock) {
        return new Retainers(store, reminders, clock);
    }

    @Bean
    RetainerOperations retainerOperations(Retainers retainers, RetainerSweep sweep) {
        return new RetainerOperations(retainers, sweep);
    }

    /** A ladder rung fell due: the rung goes to the workflow, in a transaction with what it writes. */
    @Bean
    TimerHandler retainerLadderTimer(ProducerTemplate camel, TransactionTemplate tx) {
        return new TimerHandler() {
            @Override
            public String kind() {
                return RetainerLadder.TIMER;
            }

            @Override
            public void run(String actionKey, String payload) {
                tx.executeWithoutResult(status -> camel.sendBody(LADDER_ENDPOINT, payload));
            }
        };
    }
}
