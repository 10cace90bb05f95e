package com.casewire.spine;

import com.casewire.support.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same scenarios on PostgreSQL (database {@code test} on 127.0.0.1:5432, or CASEWIRE_TEST_PG_URL),
 * in a schema of its own. Skipped, and said so, where no server answers.
 */
@DirtiesContext // its schema is dropped after the class (PostgresSchema.dropAfter)
class SpineOnPostgresTest extends SpineScenarios {

    static final PostgresSchema SCHEMA = new PostgresSchema("cw_spine_");

    @BeforeAll
    static void requirePostgres() {
        PostgresSchema.require("PostgreSQL scenarios");
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
