package com.casewire.intake;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The intake scenarios on the embedded H2 database. */
class IntakeOnH2Test extends IntakeScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        h2(registry);
    }
}
