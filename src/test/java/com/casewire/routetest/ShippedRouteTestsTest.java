package com.casewire.routetest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The route test cases shipped in routes/tests, one dynamic test per case, all on one hub of the kit's own (in-memory
 * database, the sandbox's simulators): what an integrator's CI runs after changing routes/.
 */
class ShippedRouteTestsTest {

    static RouteTests.Session session;

    @BeforeAll
    static void start() {
        session = RouteTests.open(Path.of("routes"), Map.of());
        assertThat(session.broken()).as("every file in routes/tests is a valid test file").isEmpty();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @TestFactory
    Stream<DynamicTest> shippedCases() {
        assertThat(session.cases()).as("routes/tests ships cases").isNotEmpty();
        return session.cases().stream().map(c -> DynamicTest.dynamicTest(c.location() + " " + c.name(), () -> {
            RouteTestResult result = session.run(c);
            assertThat(result.passed()).as("%s", result).isTrue();
        }));
    }
}
