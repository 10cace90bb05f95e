package com.casewire.routetest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The second half of {@code --validate}: once the files are clean, the routes directory's own test cases
 * ({@code tests/*.yaml}) run on a hub of their own against the sandbox's simulators, and each failure is printed as
 * {@code file:line: case: FAILED} with the expected and actual messages side by side. {@code --skip-route-tests}
 * leaves them out (the file check alone takes a second or two; the cases need a hub start).
 */
public final class RouteTestCommand {

    public static final String SKIP = "--skip-route-tests";

    /** The kit's hub talks little while it runs: the command's own lines are what the integrator reads. */
    private static final Map<String, String> QUIET = Map.of("spring.main.banner-mode", "off",
            "logging.level.root", "WARN", "logging.level.com.casewire", "ERROR");

    private RouteTestCommand() {
    }

    /** The exit status: 0 when every case passed (or there is none), 1 otherwise. */
    public static int run(Path routesDir, PrintStream out) {
        List<RouteTestResult> results = RouteTests.run(routesDir, QUIET);
        if (results.isEmpty()) {
            out.println("no route tests in " + routesDir.resolve("tests"));
            return 0;
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        results.stream().filter(r -> !r.passed()).forEach(out::println);
        out.println(failed == 0 ? "ok: " + results.size() + " route tests passed"
                : failed + " of " + results.size() + " route tests failed");
        return failed == 0 ? 0 : 1;
    }
}
