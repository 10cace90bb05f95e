package com.casewire.retainer;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The retainer scenarios on an in-memory H2 database of their own. */
class RetainerOnH2Test extends RetainerScenarios {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:retainer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
