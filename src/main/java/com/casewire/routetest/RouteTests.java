package com.casewire.routetest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The route test kit's entry point: runs every case of {@code <routesDir>/tests/*.yaml} against a hub of its own (the
 * sandbox's simulators, an in-memory database; no hub needs to be running) and returns one result per case, plus one
 * per file that is not a valid test file. See docs/route-tests.md for the file format.
 */
public final class RouteTests {

    private RouteTests() {
    }

    public static List<RouteTestResult> run(Path routesDir) {
        return run(routesDir, Map.of());
    }

    /** As {@link #run(Path)}, with hub properties the routes read (say {@code firm.slack-webhook-url}). */
    public static List<RouteTestResult> run(Path routesDir, Map<String, String> properties) {
        try (Session session = open(routesDir, properties)) {
            List<RouteTestResult> results = new ArrayList<>(session.broken());
            session.cases().forEach(c -> results.add(session.run(c)));
            return results;
        }
    }

    /**
     * The cases of a routes directory and a hub to run them on, started now (none when there is no case): for a runner
     * that reports each case as it goes, such as a JUnit dynamic test per case.
     */
    public static Session open(Path routesDir, Map<String, String> properties) {
        RouteTestFiles.Loaded loaded;
        try {
            loaded = RouteTestFiles.load(routesDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + routesDir.resolve("tests"), e);
        }
        RouteTestHub hub = loaded.cases().isEmpty() ? null : RouteTestHub.start(routesDir, properties);
        return new Session(loaded, hub);
    }

    /** The cases of one routes directory and the hub they run on; close it to stop the hub. */
    public static final class Session implements AutoCloseable {

        private final RouteTestFiles.Loaded loaded;
        private final RouteTestHub hub;
        private final RouteTestRunner runner;

        private Session(RouteTestFiles.Loaded loaded, RouteTestHub hub) {
            this.loaded = loaded;
            this.hub = hub;
            this.runner = hub == null ? null : new RouteTestRunner(hub);
        }

        public List<RouteTestCase> cases() {
            return loaded.cases();
        }

        /** A failed result for each file that is not a valid test file (YAML syntax, no {@code cases:} list). */
        public List<RouteTestResult> broken() {
            return loaded.broken();
        }

        public RouteTestResult run(RouteTestCase c) {
            return runner.run(c);
        }

        @Override
        public void close() {
            if (hub != null) {
                hub.close();
            }
        }
    }
}
