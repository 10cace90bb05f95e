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
        return practiceWrites("hub.clio.base-url", clioBaseUrl);
    }

    /** Routes for a MyCase client at {@code myCaseBaseUrl}. */
    public static VendorRoutes forMyCase(String myCaseBaseUrl) {
        return practiceWrites("hub.mycase.base-url", myCaseBaseUrl);
    }

    /** Routes for a Google Calendar client at {@code calendarBaseUrl}. */
    public static VendorRoutes forGoogle(String calendarBaseUrl) {
        return practiceWrites("hub.google.base-url", calendarBaseUrl);
    }

    /** The write routes of camel/outbound-json.camel.yaml, {@code key} at {@code baseUrl}, the other vendors nowhere. */
    private static VendorRoutes practiceWrites(String key, String baseUrl) {
        Properties properties = new Properties();
        for (String vendor : new String[] {"hub.clio.base-url", "hub.mycase.base-url", "hub.google.base-url"}) {
            properties.setProperty(vendor, "http://127.0.0.1:9");
        }
        properties.setProperty(key, baseUrl);
        return start(properties, "camel/outbound-json.camel.yaml");
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
