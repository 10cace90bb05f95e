package com.casewire.reconciliation;

import com.casewire.support.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reconciliation scenarios on PostgreSQL (database {@code test} on 127.0.0.1:5432, or CASEWIRE_TEST_PG_URL), in a
 * schema of their own: V19's staging statement (ON CONFLICT), the window function that sizes each group and the
 * streamed correlation query run on the deployment database too. Skipped, and said so, where no server answers.
 */
@DirtiesContext // its schema is dropped after the class (PostgresSchema.dropAfter)
class ReconciliationOnPostgresTest extends ReconciliationScenarios {

    static final PostgresSchema SCHEMA = new PostgresSchema("cw_reconciliation_");

    @BeforeAll
    static void requirePostgres() {
        PostgresSchema.require("reconciliation scenarios on PostgreSQL");
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
