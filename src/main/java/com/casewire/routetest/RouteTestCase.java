package com.casewire.routetest;

import java.nio.file.Path;
import java.util.Map;

/**
 * One case of a {@code routes/tests/*.yaml} file: where it is written and what it says ({@code name}, {@code clock},
 * {@code practice}, {@code input}, {@code expect}; see docs/route-tests.md), every scalar as text.
 */
public record RouteTestCase(Path file, int line, String name, Map<String, Object> spec) {

    /** {@code routes/tests/matter-status.yaml:12}, as an editor and a CI log link it. */
    public String location() {
        return file + ":" + line;
    }
}
