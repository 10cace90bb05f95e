package com.casewire.timeentry;

import com.casewire.config.FirmProperties;
import com.casewire.config.HubProperties;
import com.casewire.db.InsertOnce;
import com.casewire.notify.NotificationProperties;
import com.casewire.outbox.Outbox;
import com.casewire.practice.PracticeLedger;
import com.casewire.practice.PracticeManagement;
import com.casewire.schedule.DurableTimers;
import com.casewire.schedule.TimerHandler;
import com.casewire.staff.FirmStaff;
import com.casewire.staff.StaffDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TimeEntryProperties.class)
class TimeEntryConfig {

    static final String ENDED_ENDPOINT = "direct:time-entry-event-ended";
    static final String FOLLOW_UP_ENDPOINT = "direct:time-entry-follow-up";
    static final String SWEEP_ENDPOINT = "direct:time-entry-sweep";
    static final String DOCUMENT_ENDPOINT = "direct:time-entry-document-quiet";

    @Bean
    TimeEntryRules timeEntryRules(HubProperties hub) {
        return TimeEntryRules.load(Path.of(hub.routesDir(), "time-entry.rules.yaml"));
    }

    @Bean
    PromptStore timeEntryPromptStore(NamedParameterJdbcTemplate jdbc, InsertOnce insertOnce) {
        return new PromptStore(jdbc, insertOnce);
    }

    @Bean
    TimeEntryLinks timeEntryLinks(TimeEntryProperties properties, TimeEntryRules rules, HubProperties hub, Clock clock) {
        return new TimeEntryLinks(properties.linkSecret(), rules.linkValidFor(), hub.publicBaseUrl(), clock);
    }

    /** The outbox kind TIME_ENTRY: the sender finds it among the OutboundChannel beans. */
    @Bean
    TimeEntryChannel timeEntryChannel(PracticeLedger ledger, ObjectMapper json, HubProperties hub) {
        return new TimeEntryChannel(ledger, json, hub);
    }

    @Bean
    TimeEntryPrompts timeEntryPrompts(TimeEntryRules rules, PromptStore store, FirmStaff staff, PracticeLedger ledger,
                                      PracticeManagement practice, DurableTimers timers, Outbox outbox,
                                      TimeEntryChannel channel, TimeEntryLinks links, TransactionTemplate tx,
                                      ObjectMapper json, FirmProperties firm, Clock clock) {
        return new TimeEntryPrompts(rules, store, staff, ledger, practice, timers, outbox, channel, links, tx, json,
                firm.zone(), clock);
    }

    @Bean
    TimeEntryReplies timeEntryReplies(StaffDirectory directory, TimeEntryPrompts prompts, PromptStore store,
                                      NotificationProperties notifications) {
        return new TimeEntryReplies(directory, prompts, store, notifications.defaultPhoneRegion());
    }

    @Bean
    TimeEntrySweeps timeEntrySweeps(TimeEntryRules rules, PromptStore store, StaffDirectory directory, FirmStaff staff,
                                    PracticeLedger ledger, TimeEntryPrompts prompts, DurableTimers timers, Outbox outbox,
                                    FirmProperties firm, Clock clock) {
        return new TimeEntrySweeps(rules, store, directory, staff, ledger, prompts, timers, outbox, firm.zone(), clock);
    }

    @Bean
    TimeCapture timeCapture(PromptStore store, FirmStaff staff, FirmProperties firm, Clock clock) {
        return new TimeCapture(store, staff, firm.zone(), clock);
    }

    /** The sweep route's aggregator strategy: facts of an attorney's day into one sheet. */
    @Bean
    TimeEntrySweeps.SheetAggregation timeEntrySheetAggregation() {
        return new TimeEntrySweeps.SheetAggregation();
    }

    @Bean
    TimerHandler timeEntrySweepTimer(ProducerTemplate camel, TransactionTemplate tx) {
        return sweepTimer(TimeEntrySweeps.SWEEP_TIMER, false, camel, tx);
    }

    @Bean
    TimerHandler timeEntryRecoveryTimer(ProducerTemplate camel, TransactionTemplate tx) {
        return sweepTimer(TimeEntrySweeps.RECOVERY_TIMER, true, camel, tx);
    }

    private static TimerHandler sweepTimer(String kind, boolean recovery, ProducerTemplate camel, TransactionTemplate tx) {
        return new TimerHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public void run(String actionKey, String payload) {
                tx.executeWithoutResult(status -> camel.sendBody(SWEEP_ENDPOINT, TimeEntrySweeps.parse(payload, recovery)));
            }
        };
    }

    /** A Clio calendar entry's end: the event goes to the workflow, in a transaction with what it writes. */
    @Bean
    TimerHandler timeEntryClioEndedTimer(TimeEntryPrompts prompts, ProducerTemplate camel, TransactionTemplate tx) {
        return new TimerHandler() {
            @Override
            public String kind() {
                return TimeEntryPrompts.CLIO_ENDED_TIMER;
            }

            @Override
            public void run(String actionKey, String payload) {
                var event = prompts.clioEvent(payload);
                tx.executeWithoutResult(status -> camel.sendBodyAndHeader(ENDED_ENDPOINT, event, "casewireDedupeKey",
                        "clio:" + event.id() + ":" + event.end().getEpochSecond()));
            }
        };
    }

    @Bean
    TimerHandler timeEntryDocumentTimer(ProducerTemplate camel, TransactionTemplate tx) {
        return new TimerHandler() {
            @Override
            public String kind() {
                return TimeEntryPrompts.DOCUMENT_TIMER;
            }

            @Override
            public void run(String actionKey, String payload) {
                tx.executeWithoutResult(status -> camel.sendBody(DOCUMENT_ENDPOINT, payload));
            }
        };
    }

    @Bean
    TimerHandler timeEntryFollowUpTimer(ProducerTemplate camel, TransactionTemplate tx) {
        return new TimerHandler() {
            @Override
            public String kind() {
                return TimeEntryPrompts.FOLLOW_UP_TIMER;
            }

            @Override
            public void run(String actionKey, String promptId) {
                tx.executeWithoutResult(status -> camel.sendBody(FOLLOW_UP_ENDPOINT, promptId));
            }
        };
    }
}
