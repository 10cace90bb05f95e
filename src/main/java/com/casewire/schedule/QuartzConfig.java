package com.casewire.schedule;

import com.casewire.db.Dialect;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.LifecycleStrategySupport;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.springframework.boot.autoconfigure.quartz.QuartzProperties;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Quartz's JDBC delegate follows the database the hub runs on: PostgreSQL keeps job data in {@code BYTEA}, which
 * only {@link PostgreSQLDelegate} reads; H2 works with the standard one. The rest of the scheduler's settings are
 * in application.yml ({@code spring.quartz.*}). The scheduler is Spring's, so Camel does not stop it; it is shut
 * down as soon as Camel starts stopping, after the jobs already running finish and before the routes go. Otherwise a
 * trigger firing during shutdown runs a job into routes that are gone (an ERROR "Failed to execute CamelJob" on every
 * stop). Shutting down, unlike standby, hands back the triggers this instance had acquired, so another instance
 * fires them on time instead of after the cluster's failure detection.
 */
@Configuration(proxyBeanMethods = false)
class QuartzConfig {

    static final String DELEGATE = "org.quartz.jobStore.driverDelegateClass";

    QuartzConfig() {
        QuartzOutageLog.install();
    }

    @Bean
    SchedulerFactoryBeanCustomizer quartzDelegateForTheDatabase(QuartzProperties quartz, Dialect dialect) {
        return factory -> {
            Properties properties = new Properties();
            properties.putAll(quartz.getProperties());
            properties.putIfAbsent(DELEGATE, (dialect.postgres() ? PostgreSQLDelegate.class : StdJDBCDelegate.class).getName());
            factory.setQuartzProperties(properties);
        };
    }

    @Bean
    CamelContextConfiguration quartzShutdownWhenCamelStops(Scheduler scheduler) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
                    @Override
                    public void onContextStopping(CamelContext context) {
                        try {
                            scheduler.shutdown(true);
                        } catch (SchedulerException e) {
                            throw new IllegalStateException("could not shut the quartz scheduler down", e);
                        }
                    }
                });
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
            }
        };
    }
}
