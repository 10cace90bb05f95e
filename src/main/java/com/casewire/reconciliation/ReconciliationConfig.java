package com.casewire.reconciliation;

import com.casewire.audit.CommunicationLog;
import com.casewire.config.FirmProperties;
import com.casewire.db.Dialect;
import com.casewire.lawpay.LawpayProperties;
import com.casewire.lawpay.LawpayTransactions;
import com.casewire.outbox.Outbox;
import com.casewire.practice.PracticeLedger;
import com.casewire.staff.StaffDirectory;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The end-of-day reconciliation's beans; the route is routes/reconciliation.camel.yaml. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconciliationProperties.class)
class ReconciliationConfig {

    /** Who holds a claimed run: this process (pid@host) and a random part, in case two share a name. */
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + ":"
            + UUID.randomUUID().toString().substring(0, 8);

    @Bean
    RunStore reconciliationRunStore(NamedParameterJdbcTemplate jdbc) {
        return new RunStore(jdbc);
    }

    @Bean
    FindingStore reconciliationFindingStore(NamedParameterJdbcTemplate jdbc) {
        return new FindingStore(jdbc);
    }

    @Bean
    ReconciliationStages reconciliationStages(LawpayTransactions gateway, LawpayProperties lawpay, PracticeLedger ledger,
                                              RunStore runs, FindingStore findings, ReconciliationProperties properties,
                                              Dialect dialect, Clock clock) {
        return new ReconciliationStages(gateway, lawpay.enabled(), ledger, runs, findings, properties, dialect,
                clock, instance);
    }

    @Bean
    ReconciliationCorrelation reconciliationCorrelation(FindingStore findings, RunStore runs, TransactionTemplate tx,
                                                        Clock clock) {
        return new ReconciliationCorrelation(findings, runs, tx, clock, instance);
    }

    /** How the staging batch's rows are bound (the run route's {@code prepareStatementStrategy}). */
    @Bean
    StagedRows reconciliationStagedRows() {
        return new StagedRows();
    }

    /** The run route's aggregator strategy: the correlation query's groups into batches to judge. */
    @Bean
    FactGroup.Batching reconciliationGroupBatching() {
        return new FactGroup.Batching();
    }

    /**
     * The aggregator's executor ({@code executorService: reconciliationGroups} in routes/reconciliation.camel.yaml):
     * one thread judges the completed batches of groups in order, behind a queue of a few batches that makes the
     * correlation query wait when it runs ahead (so groups never pile up in memory), while the query's thread reads the
     * next batch. (Completing in the splitter's thread nests Camel's reactive calls once per completion: when each
     * group completed alone, 100,000 of them overflowed the stack.) It is bound in Camel's registry, not declared as a
     * Spring bean: an {@code Executor} bean would make Spring Boot drop its own task executor, which the REST API's
     * platform-http engine runs on.
     */
    @Bean
    org.apache.camel.spring.boot.CamelContextConfiguration reconciliationGroups() {
        return new org.apache.camel.spring.boot.CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(org.apache.camel.CamelContext camel) {
                camel.getRegistry().bind("reconciliationGroups", groups);
            }

            @Override
            public void afterApplicationStart(org.apache.camel.CamelContext camel) {
            }
        };
    }

    /** Completed batches waiting to be judged, at most: 4 × 500 groups. */
    private static final int QUEUED_BATCHES = 4;

    private final java.util.concurrent.ExecutorService groups = groupsPool();

    @jakarta.annotation.PreDestroy
    void stopGroups() {
        groups.shutdown();
    }

    private static java.util.concurrent.ExecutorService groupsPool() {
        return new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.MILLISECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(QUEUED_BATCHES), r -> {
                    Thread t = new Thread(r, "reconciliation-groups");
                    t.setDaemon(true);
                    return t;
                }, (task, pool) -> {
                    try {
                        pool.getQueue().put(task); // wait for room: back-pressure on the correlation query
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.util.concurrent.RejectedExecutionException(e);
                    }
                });
    }

    @Bean
    ReconciliationReport reconciliationReport(FindingStore findings, RunStore runs, CommunicationLog commLog,
                                              StaffDirectory staff, Outbox outbox, ReconciliationProperties properties,
                                              TransactionTemplate tx, Clock clock) {
        return new ReconciliationReport(findings, runs, commLog, staff, outbox, properties, tx, clock, instance);
    }

    @Bean
    ReconciliationRuns reconciliationRuns(RunStore runs, FindingStore findings, ProducerTemplate camel,
                                          ReconciliationProperties properties, FirmProperties firm, Clock clock) {
        return new ReconciliationRuns(runs, findings, camel, properties, firm.zone(), clock, instance);
    }

    @Bean
    Reconciliations reconciliations(RunStore runs, FindingStore findings) {
        return new Reconciliations(runs, findings);
    }

    @Bean
    ReconciliationOperations reconciliationOperations(Reconciliations reports, ReconciliationRuns runs) {
        return new ReconciliationOperations(reports, runs);
    }
}
