package com.casewire.timeentry;

import com.casewire.support.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The time-entry scenarios on PostgreSQL (database {@code test} on 127.0.0.1:5432, or CASEWIRE_TEST_PG_URL), in a
 * schema of their own: V16's types (dates, instants with time zone) and the prompt's primary key as the duplicate
 * guard run on the deployment database too. Skipped, and said so, where no server answers.
 */
@DirtiesContext // its schema is dropped after the class (PostgresSchema.dropAfter)
class TimeEntryOnPostgresTest extends TimeEntryScenarios {

    static final PostgresSchema SCHEMA = new PostgresSchema("cw_time_entry_");

    @BeforeAll
    static void requirePostgres() {
        PostgresSchema.require("time-entry scenarios on PostgreSQL");
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
