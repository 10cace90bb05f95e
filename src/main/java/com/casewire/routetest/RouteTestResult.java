package com.casewire.routetest;

import java.nio.file.Path;

/**
 * The outcome of one route test case. {@code report} is empty when it passed; otherwise it says what went wrong in plain
 * words: the expected and the actual messages side by side ({@code -} expected but not sent, {@code +} sent but not
 * expected, {@code =} as expected), a file that is not a valid test, or an event the hub failed to process.
 */
public record RouteTestResult(Path file, int line, String name, boolean passed, String report) {

    static RouteTestResult of(RouteTestCase c, String report) {
        return new RouteTestResult(c.file(), c.line(), c.name(), report.isEmpty(), report);
    }

    public String location() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return location() + ": " + name + (passed ? ": passed" : ": FAILED\n" + report);
    }
}
