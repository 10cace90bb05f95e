package com.casewire.support;

import com.casewire.vendor.VendorRoutes;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;

/**
 * The hub's outbound Camel routes without Spring, for client tests that construct a vendor client by hand: a Camel
 * context loading the route files the hub loads ({@code camel/outbound-*.camel.yaml} and the route configurations
 * they name), with {@code hub.*} placeholders from {@code properties}.
 */
public final class TestVendorRoutes {

    private TestVendorRoutes() {
    }

    /** Routes for a Clio client at {@code clioBaseUrl} (e.g. a WireMock server's {@code /api/v4}). */
    public static VendorRoutes forClio(String clioBaseUrl) {
        Properties properties = new Properties();
        properties.setProperty("hub.clio.base-url", clioBaseUrl);
        return start(properties, "camel/outbound-clio.camel.yaml");
    }

    /** Routes for a MyCase client at {@code myCaseBaseUrl}. */
    public static VendorRoutes forMyCase(String myCaseBaseUrl) {
        Properties properties = new Properties();
        properties.setProperty("hub.mycase.base-url", myCaseBaseUrl);
        return start(properties, "camel/outbound-mycase.camel.yaml");
    }

    /** Routes for a Google Calendar client at {@code calendarBaseUrl}. */
    public static VendorRoutes forGoogle(String calendarBaseUrl) {
        Properties properties = new Properties();
        properties.setProperty("hub.google.base-url", calendarBaseUrl);
        return start(properties, "camel/outbound-gcal.camel.yaml");
    }

    public static VendorRoutes start(Properties properties, String... routeFiles) {
        return new VendorRoutes(camel(properties, java.util.Map.of(), routeFiles).createProducerTemplate(), Clock.systemUTC());
    }

    /** A started Camel context with these route files, {@code hub.*} placeholders and registry beans. */
    public static CamelContext camel(Properties properties, java.util.Map<String, Object> beans, String... routeFiles) {
        try {
            CamelContext camel = new DefaultCamelContext();
            beans.forEach(camel.getRegistry()::bind);
            camel.getPropertiesComponent().setInitialProperties(properties);
            VendorRoutes.configure(camel.getComponent("http", HttpComponent.class), Duration.ofSeconds(5));
            VendorRoutes.configure(camel.getComponent("https", HttpComponent.class), Duration.ofSeconds(5));
            var loader = PluginHelper.getRoutesLoader(camel);
            var resources = PluginHelper.getResourceLoader(camel);
            loader.loadRoutes(resources.resolveResource("classpath:camel/route-configurations.camel.yaml"));
            for (String file : routeFiles) {
                loader.loadRoutes(resources.resolveResource("classpath:" + file));
            }
            camel.start();
            return camel;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the outbound routes: " + e.getMessage(), e);
        }
    }
}
