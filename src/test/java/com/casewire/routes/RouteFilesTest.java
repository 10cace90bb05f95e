package com.casewire.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.HubIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every route file loads, every route in it started, and every route has a real id and a description. */
class RouteFilesTest extends HubIntegrationTest {

    private static final Pattern ROUTE_ID = Pattern.compile("(?m)^- route:\\s*\\n\\s+id:\\s*(\\S+)");
    /** A route made from a route template: its id is the instance's routeId. */
    private static final Pattern TEMPLATED_ROUTE_ID = Pattern.compile(
            "(?m)^- templatedRoute:\\s*\\n(?:\\s+(?!routeId:)[^\\n]*\\n)*?\\s+routeId:\\s*(\\S+)");

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:routes-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    @Autowired
    CamelContext camel;

    @Test
    void everyRouteInEveryFileIsStartedWithAnIdAndDescription() throws IOException {
        Set<String> declared = Stream.concat(ids(Path.of("routes")).stream(),
                ids(Path.of("src/main/resources/camel")).stream()).collect(Collectors.toSet());

        assertThat(declared).contains("status-notify-milestone", "hub-notify-recipient", "clio-normalize-webhook",
                "hub-poll-timers", "hub-sweep-recovery", "outbound-clio-note", "outbound-mycase-task", "outbound-gcal-event");
        Set<String> conditional = Stream.concat(conditionalIds(Path.of("routes")).stream(),
                conditionalIds(Path.of("src/main/resources/camel")).stream()).collect(Collectors.toSet());
        assertThat(conditional).as("routes with a precondition").contains("mail-store-intake-message");
        for (String id : conditional) {
            // off by default (hub.intake.mailbox.enabled): not even created, so it connects to nothing
            assertThat(camel.getRoute(id)).as("route %s is not created while its precondition is false", id).isNull();
        }
        for (String id : declared) {
            if (conditional.contains(id)) {
                continue;
            }
            Route route = camel.getRoute(id);
            assertThat(route).as("route %s is loaded", id).isNotNull();
            assertThat(camel.getRouteController().getRouteStatus(id)).as("route %s", id).isEqualTo(ServiceStatus.Started);
            assertThat(route.getDescription()).as("route %s has a description", id).isNotBlank().doesNotContain("{{");
        }
        // a route made from a template carries the template's description (Camel 4.18 does not resolve template
        // parameters there), so each instance says what it is for in a comment beside it
        assertThat(camel.getRoute("hub-poll-timers").getDescription()).isEqualTo("A quartz schedule that runs one bean method");
        assertThat(camel.getRoute("outbound-clio-note").getEndpoint().getEndpointUri()).isEqualTo("direct://outbound-clio-note");
        for (Route route : camel.getRoutes()) {
            assertThat(route.getId()).as("no generated route ids").doesNotStartWith("route");
            assertThat(route.getId()).matches("[a-z]+(-[a-z]+)+");
        }
    }

    /** Ids of routes declared with a {@code precondition} (the line right after the description). */
    private static List<String> conditionalIds(Path dir) throws IOException {
        Pattern conditional = Pattern.compile("(?m)^- route:\\s*\\n\\s+id:\\s*(\\S+)\\s*\\n\\s+description:.*\\n\\s+precondition:");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".camel.yaml")).flatMap(f -> {
                try {
                    return conditional.matcher(Files.readString(f)).results().map(r -> r.group(1)).toList().stream();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    private static List<String> ids(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".camel.yaml")).flatMap(f -> {
                try {
                    String text = Files.readString(f);
                    return Stream.concat(ROUTE_ID.matcher(text).results(), TEMPLATED_ROUTE_ID.matcher(text).results())
                            .map(r -> r.group(1)).toList().stream();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
