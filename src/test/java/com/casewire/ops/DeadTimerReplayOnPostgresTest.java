package com.casewire.ops;

import com.casewire.support.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Dead-timer replay on PostgreSQL (database {@code test} on 127.0.0.1:5432, or CASEWIRE_TEST_PG_URL) in a schema of
 * its own: the replay's correlated NOT EXISTS and the window flush it re-drives. Skipped, and said so, where no
 * server answers.
 */
@DirtiesContext // its schema is dropped after the class (PostgresSchema.dropAfter)
class DeadTimerReplayOnPostgresTest extends DeadTimerReplayScenarios {

    static final PostgresSchema SCHEMA = new PostgresSchema("cw_timers_");

    @BeforeAll
    static void requirePostgres() {
        PostgresSchema.require("dead-timer replay on PostgreSQL");
    }

    @AfterAll
    static void dropSchema(ApplicationContext hub) throws Exception {
        SCHEMA.dropAfter(hub);
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }
}
