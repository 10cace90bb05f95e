package com.casewire.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.CaseWireApplication;
import com.casewire.support.PostgresSchema;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two hubs on one PostgreSQL schema share the quartz schedules (clustered JDBC job store): the recovery sweep,
 * every second, fires once a second between them, not once per instance; when one stops, the other takes the
 * schedule over within 30 s and then fires it alone.
 */
class ClusteredSchedulesOnPostgresTest {

    private static final String SWEEP = "hub-sweep-recovery";
    private static final long PERIOD_MILLIS = 1000;
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration HAND_OVER = Duration.ofSeconds(30);
    private static PostgresSchema schema;
    private final List<ConfigurableApplicationContext> hubs = new ArrayList<>();

    @BeforeAll
    static void schema() throws Exception {
        PostgresSchema.require("the clustered schedules test");
        schema = new PostgresSchema("cw_cluster_").create();
    }

    @AfterAll
    static void dropSchema() throws Exception {
        if (schema != null) {
            schema.drop();
        }
    }

    @Test
    void twoInstancesFireEachPeriodOnceAndTheSurvivorCarriesOnAlone() throws Exception {
        try {
            ConfigurableApplicationContext a = start();
            ConfigurableApplicationContext b = start();
            JdbcTemplate jdbc = new JdbcTemplate(a.getBean(DataSource.class));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    jdbc.queryForObject("SELECT COUNT(*) FROM qrtz_scheduler_state", Long.class) == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> firings(a) + firings(b) > 0);

            long a0 = firings(a);
            long b0 = firings(b);
            Thread.sleep(WINDOW.toMillis());
            long together = firings(a) - a0 + firings(b) - b0;
            long periods = WINDOW.toMillis() / PERIOD_MILLIS;
            // once per period between them; each on its own would make it about twice that
            assertThat(together).as("sweeps in %s by two instances", WINDOW).isBetween(periods - 3, periods + 2);

            // The stopped instance may have claimed the next firing before it stopped (Quartz acquires a trigger
            // ahead of its time); the survivor recovers such a claim once the other misses its check-in
            // (clusterCheckinInterval, 5 s, plus Quartz's 7.5 s margin). The issue allows 30 s for the hand-over.
            long b1 = firings(b);
            a.close();
            await().atMost(HAND_OVER).pollInterval(Duration.ofMillis(100)).until(() -> firings(b) > b1);
            // The firings missed meanwhile (later than their time, but within Quartz's misfire threshold of 60 s)
            // then run back to back; the steady rate is measured after that catch-up.
            await().atMost(HAND_OVER).until(() -> {
                long before = firings(b);
                Thread.sleep(2000);
                return firings(b) - before <= 3;
            });
            long b2 = firings(b);
            Thread.sleep(WINDOW.toMillis());
            assertThat(firings(b) - b2).as("sweeps in %s by the survivor", WINDOW).isBetween(periods - 3, periods + 2);
        } finally {
            for (ConfigurableApplicationContext hub : hubs) {
                hub.close();
            }
        }
    }

    /** Completed runs of the sweep route on this instance (camel-micrometer's route policy). */
    private static long firings(ConfigurableApplicationContext hub) {
        Counter counter = hub.getBean(MeterRegistry.class).find("camel.exchanges.total").tag("routeId", SWEEP).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>(schema.hubArguments());
        args.addAll(List.of("--server.port=0", "--spring.jmx.enabled=false", "--camel.main.jmx-enabled=false",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=1",
                "--hub.inbox.sweep-interval-millis=" + PERIOD_MILLIS, "--hub.timers.poll-interval-millis=1000",
                "--spring.datasource.hikari.maximum-pool-size=5",
                // one cluster: one scheduler name (the test profile gives every context a name of its own)
                "--spring.quartz.scheduler-name=casewire-cluster-test"));
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(CaseWireApplication.class)
                .profiles("test").run(args.toArray(String[]::new));
        hubs.add(hub);
        return hub;
    }
}
