package com.casewire.statusupdate;

import com.casewire.support.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The status-update scenarios on PostgreSQL (database {@code test} on 127.0.0.1:5432, or CASEWIRE_TEST_PG_URL)
 * in a schema of their own: the window lock (SELECT ... FOR UPDATE), V5's ALTER TABLEs, IN (:ids). Skipped,
 * and said so, where no server answers.
 */
@DirtiesContext // its schema is dropped after the class (PostgresSchema.dropAfter)
class StatusUpdateOnPostgresTest extends StatusUpdateScenarios {

    static final PostgresSchema SCHEMA = new PostgresSchema("cw_status_");

    @BeforeAll
    static void requirePostgres() {
        PostgresSchema.require("matter-status scenarios on PostgreSQL");
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
