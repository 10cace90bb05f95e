package com.casewire.ops;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Dead-timer replay on embedded H2, the hub's default database. */
class DeadTimerReplayOnH2Test extends DeadTimerReplayScenarios {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:timers-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
