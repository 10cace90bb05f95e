package com.casewire.intake;

import com.casewire.support.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The intake scenarios on PostgreSQL (database {@code test} on 127.0.0.1:5432, or CASEWIRE_TEST_PG_URL), in a schema
 * of their own: the round-robin row lock, the open-lead unique key and the typed NULLs run on the deployment
 * database too. Skipped, and said so, where no server answers.
 */
@DirtiesContext // its schema is dropped after the class (PostgresSchema.dropAfter)
class IntakeOnPostgresTest extends IntakeScenarios {

    static final PostgresSchema SCHEMA = new PostgresSchema("cw_intake_");

    @BeforeAll
    static void requirePostgres() {
        PostgresSchema.require("intake scenarios on PostgreSQL");
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
