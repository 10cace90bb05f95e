package com.casewire.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The two rules of Camel's route configurations that camel/route-configurations.camel.yaml relies on (docs/design.md,
 * "Error handling in routes"): the configuration without an id is the default of every route that names none, also of
 * routes added after the context started (route templates, an integrator's routes); a route that names a
 * configuration gets that one only, not the default as well. Pinned here so a Camel upgrade that changes either shows.
 */
class GlobalRouteConfigurationTest {

    @Test
    void theIdLessConfigurationIsTheDefaultAndANamedOneReplacesIt() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteConfigurationBuilder() {
                @Override
                public void configuration() {
                    routeConfiguration().onException(IllegalStateException.class).handled(true)
                            .setBody(constant("handled by the default"));
                    routeConfiguration("named").onException(IllegalArgumentException.class).handled(true)
                            .setBody(constant("handled by name"));
                }
            });
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:plain").throwException(new IllegalStateException("boom"));
                    from("direct:named").routeConfigurationId("named").throwException(new IllegalArgumentException("boom"));
                    from("direct:named-other").routeConfigurationId("named").throwException(new IllegalStateException("boom"));
                }
            });
            camel.start();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:later").throwException(new IllegalStateException("boom"));
                }
            });

            ProducerTemplate template = camel.createProducerTemplate();
            assertThat(template.requestBody("direct:plain", "x", String.class)).isEqualTo("handled by the default");
            assertThat(template.requestBody("direct:later", "x", String.class)).isEqualTo("handled by the default");
            assertThat(template.requestBody("direct:named", "x", String.class)).isEqualTo("handled by name");
            assertThatThrownBy(() -> template.requestBody("direct:named-other", "x"))
                    .as("a route that names a configuration does not get the default as well")
                    .hasRootCauseInstanceOf(IllegalStateException.class);
        }
    }
}
