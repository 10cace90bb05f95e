package com.casewire.routetest;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.RoutesCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit tested on itself, through {@link RouteTests#run(Path)} as part A's {@code --validate} calls it: a routes
 * directory of its own whose tests hold a deliberately wrong expectation, a case written with a typo and a file that is
 * not YAML. Each fails with the file, the line and a plain account of what differs; the right case passes.
 */
class RouteTestKitTest {

    @TempDir
    Path temp;

    @Test
    void aWrongExpectationFailsWithADiffOfExpectedAndActualMessages() throws Exception {
        Path routes = RoutesCopy.of(temp.resolve("routes"));
        try (Stream<Path> shipped = Files.list(routes.resolve("tests"))) {
            for (Path file : shipped.toList()) {
                Files.delete(file);
            }
        }
        Files.writeString(routes.resolve("tests/kit.yaml"), """
                cases:
                  - name: right
                    input:
                      - clio: {model: matter, event: matter_opened, matter: 1001}
                    expect:
                      messages:
                        - channel: sms
                          to: "+12015550100"
                          contains: opened your injury claim
                  - name: deliberately wrong
                    input:
                      - clio: {model: matter, event: matter_opened, matter: 1001}
                    expect:
                      messages:
                        - channel: email
                          to: jane.doe@example.com
                          contains: opened your injury claim
                      notes: []
                  - name: a typo in the case
                    input:
                      - clio: {model: matter, event: matter_opened, matter: 1001}
                    expect:
                      mesages: []
                """);
        Files.writeString(routes.resolve("tests/broken.yaml"), "cases:\n  - name: x\n    input: [\n");

        List<RouteTestResult> results = RouteTests.run(routes, Map.of());

        assertThat(results).extracting(RouteTestResult::location, RouteTestResult::name, RouteTestResult::passed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(routes.resolve("tests/broken.yaml") + ":4", "(file)", false),
                        org.assertj.core.groups.Tuple.tuple(routes.resolve("tests/kit.yaml") + ":2", "right", true),
                        org.assertj.core.groups.Tuple.tuple(routes.resolve("tests/kit.yaml") + ":10", "deliberately wrong", false),
                        org.assertj.core.groups.Tuple.tuple(routes.resolve("tests/kit.yaml") + ":19", "a typo in the case", false));
        assertThat(results.get(0).report()).startsWith("not valid YAML: ");
        String note = "Sent 2026-11-24 12:00 EST by SMS to Jane Doe (+12015550100), template"
                + " matter-status/matter-opened.personal-injury.sms.txt:\\n\\nHi Jane, Sandbox Law Group has opened your injury"
                + " claim and your legal team is getting started. Keep your medical receipts; we will text you when there is"
                + " news.\\n\\n[casewire:";
        assertThat(results.get(2).report()).startsWith("""
                expected 1 messages, 1 sent (- expected but not sent, + sent but not expected, = as expected):
                  - email to jane.doe@example.com, containing "opened your injury claim"
                  + sms to +12015550100: "Hi Jane, Sandbox Law Group has opened your injury claim and your legal team is \
                getting started. Keep your medical receipts; we will text you when there is news."
                expected 0 notes written back, 1 sent (- expected but not sent, + sent but not expected, = as expected):
                  + note on matter 1001, subject "Client update sent by SMS": \"""" + note);
        assertThat(results.get(3).report()).isEqualTo("the case is not written right: unknown key 'mesages' in expect;"
                + " known: messages, notes, nothingSent");
        assertThat(results.get(2).toString()).startsWith(routes.resolve("tests/kit.yaml") + ":10: deliberately wrong: FAILED\n");
    }
}
