package com.casewire.routetest;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.RoutesCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every recipe in docs/recipes applied to one copy of routes/ as its page tells an integrator to (the snippets and
 * files are the ones the pages show), then the kit runs the recipes' own route tests (and only those: the shipped cases
 * test the unchanged rules). Each recipe's cases hold only once its change is in.
 */
class RecipesTest {

    static final Path RECIPES = Path.of("docs/recipes");
    static final List<String> WITH_TESTS = List.of("add-a-milestone", "change-a-ladder-day", "add-a-practice-area",
            "slack-on-settlement-offer", "clio-to-mycase");

    @TempDir
    Path temp;

    @Test
    void eachRecipeAppliedToACopyOfRoutesPassesItsRouteTests() throws Exception {
        Path routes = RoutesCopy.of(temp.resolve("routes"));
        try (Stream<Path> shipped = Files.list(routes.resolve("tests"))) {
            for (Path file : shipped.toList()) {
                Files.delete(file);
            }
        }
        Path statusRules = routes.resolve("matter-status.rules.yaml");
        // add a milestone: its rule at the end of the milestone list, its templates beside the others
        Files.writeString(statusRules, Files.readString(statusRules) + "\n"
                + Files.readString(RECIPES.resolve("add-a-milestone/milestone.yaml")));
        // change a ladder day and a reminder tier
        replace(routes.resolve("billing.rules.yaml"), "  reminder: 7\n", "  reminder: 5\n");
        replace(routes.resolve("retainer.rules.yaml"), "firm:\n  below: 2500.00\n", "firm:\n  below: 3500.00\n");
        // add a practice area: its name pattern first in practiceAreas, its templates
        replace(statusRules, "practiceAreas:\n",
                "practiceAreas:\n  employment: \"(?i)employment|wrongful termination|discrimination\"\n");
        // a copy of settlement offers to Slack through the durable webhook channel
        RoutesCopy.insertSlackSteps(routes);
        // Clio to MyCase: a MyCase trigger for the one milestone the shipped rules give Clio triggers only
        replace(statusRules, "        events: [matter_opened]\n", "        events: [matter_opened]\n"
                + Files.readString(RECIPES.resolve("clio-to-mycase/trigger.yaml")));
        for (String recipe : WITH_TESTS) {
            RoutesCopy.copyTree(RECIPES.resolve(recipe).resolve("routes"), routes);
        }

        List<RouteTestResult> results = RouteTests.run(routes,
                Map.of("firm.slack-webhook-url", "http://localhost:${server.port}/sandbox/webhooks/slack"));

        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as("%s", r).isTrue());
        Map<String, Long> casesPerRecipe = results.stream().collect(Collectors.groupingBy(
                r -> r.file().getFileName().toString().replace(".yaml", ""), Collectors.counting()));
        assertThat(casesPerRecipe.keySet()).containsExactlyInAnyOrderElementsOf(WITH_TESTS);
        assertThat(casesPerRecipe.values()).allMatch(n -> n >= 2);
    }

    private static void replace(Path file, String what, String with) throws Exception {
        String text = Files.readString(file);
        assertThat(text).as("%s has %s", file, what).containsOnlyOnce(what);
        Files.writeString(file, text.replace(what, with));
    }
}
