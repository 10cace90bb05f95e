package com.casewire.reconciliation;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The reconciliation scenarios on an in-memory H2 database of their own. */
class ReconciliationOnH2Test extends ReconciliationScenarios {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:reconciliation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
