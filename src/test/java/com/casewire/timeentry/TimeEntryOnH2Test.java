package com.casewire.timeentry;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The time-entry scenarios on an in-memory H2 database of their own. */
class TimeEntryOnH2Test extends TimeEntryScenarios {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:time-entry-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
