package com.casewire.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.CaseWireApplication;
import com.casewire.gcal.GoogleProperties;
import com.casewire.intake.IntakeProperties;
import com.casewire.lawpay.LawpayProperties;
import com.casewire.practice.clio.ClioProperties;
import com.casewire.practice.mycase.MyCaseProperties;
import com.casewire.twilio.TwilioProperties;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The hub.* keys are a public contract: they bind from environment variables by Spring's relaxed rules,
 * and a missing or invalid one stops start-up with a message that names it.
 */
class ConfigurationContractTest {

    static Map<String, Object> validEnvironment() {
        Map<String, Object> env = new HashMap<>();
        env.put("HUB_PUBLIC_BASE_URL", "https://hub.example");
        env.put("HUB_PRACTICE_MANAGEMENT", "clio");
        env.put("HUB_FIRM_NAME", "Env Law");
        env.put("HUB_FIRM_TIME_ZONE", "America/Chicago");
        env.put("HUB_CLIO_BASE_URL", "https://app.clio.com/api/v4");
        env.put("HUB_CLIO_ACCESS_TOKEN", "token");
        env.put("HUB_CLIO_REQUESTS_PER_MINUTE", "40");
        env.put("HUB_TWILIO_ACCOUNT_SID", "AC123");
        env.put("HUB_TWILIO_AUTH_TOKEN", "secret");
        env.put("HUB_TWILIO_FROM_NUMBER", "+12015550199");
        env.put("HUB_MAIL_FROM", "firm@example.com");
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SPRING_DATASOURCE_URL", "jdbc:h2:mem:contract-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        env.put("SPRING_JMX_ENABLED", "false");
        env.put("CAMEL_MAIN_JMX_ENABLED", "false");
        return env;
    }

    static ConfigurableApplicationContext start(Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", env));
        return new SpringApplicationBuilder(CaseWireApplication.class).environment(environment)
                .web(WebApplicationType.NONE).profiles("contract").run();
    }

    @Test
    void environmentVariablesBindToHubKeys() {
        try (ConfigurableApplicationContext context = start(validEnvironment())) {
            FirmProperties firm = context.getBean(FirmProperties.class);
            assertThat(firm.name()).isEqualTo("Env Law");
            assertThat(firm.zone().getId()).isEqualTo("America/Chicago");
            assertThat(context.getBean(ClioProperties.class).requestsPerMinute()).isEqualTo(40);
            TwilioProperties twilio = context.getBean(TwilioProperties.class);
            assertThat(twilio.messagesPerSecond()).isEqualTo(1.0); // default
            assertThat(twilio.baseUrl()).isEqualTo("https://api.twilio.com"); // default
            // no hub.lawpay keys at all: defaults, connector off
            LawpayProperties lawpay = context.getBean(LawpayProperties.class);
            assertThat(lawpay.baseUrl()).isEqualTo("https://api.affinipay.com");
            assertThat(lawpay.requestsPerMinute()).isEqualTo(60);
            assertThat(lawpay.enabled()).isFalse();
            // no hub.google keys at all: defaults, connector off
            GoogleProperties google = context.getBean(GoogleProperties.class);
            assertThat(google.baseUrl()).isEqualTo("https://www.googleapis.com/calendar/v3");
            assertThat(google.requestsPerMinute()).isEqualTo(300);
            assertThat(google.enabled()).isFalse();
        }
    }

    @Test
    void invalidGoogleValuesAreNamed() {
        Map<String, Object> env = validEnvironment();
        env.put("HUB_GOOGLE_CALENDAR_IDS", "firm@example.com");
        env.put("HUB_GOOGLE_MATTER_PATTERN", "no-group");
        env.put("HUB_GOOGLE_REQUESTS_PER_MINUTE", "0");

        assertThatThrownBy(() -> start(env))
                .hasStackTraceContaining("hub.google.client-id, client-secret and refresh-token are required when hub.google.calendar-ids is set")
                .hasStackTraceContaining("hub.google.matter-pattern must be a regular expression with at least one group")
                .hasStackTraceContaining("hub.google.requests-per-minute must be at least 1");
    }

    @Test
    void invalidLawpayValuesAreNamed() {
        Map<String, Object> env = validEnvironment();
        env.put("HUB_LAWPAY_SECRET_KEY", "sk");
        env.put("HUB_LAWPAY_BASE_URL", "api.affinipay.com");
        env.put("HUB_LAWPAY_PAYMENT_PAGE_URL", "secure.affinipay.com/pages/firm/operating");
        env.put("HUB_LAWPAY_REQUESTS_PER_MINUTE", "0");

        assertThatThrownBy(() -> start(env))
                .hasStackTraceContaining("hub.lawpay.base-url must be an http(s) URL")
                .hasStackTraceContaining("hub.lawpay.payment-page-url must be an http(s) URL")
                .hasStackTraceContaining("hub.lawpay.requests-per-minute must be at least 1");
    }

    /** MyCase instead of Clio: no Clio key is needed, and the MyCase defaults apply. */
    static Map<String, Object> mycaseEnvironment() {
        Map<String, Object> env = validEnvironment();
        env.keySet().removeIf(key -> key.startsWith("HUB_CLIO_"));
        env.put("HUB_PRACTICE_MANAGEMENT", "mycase");
        env.put("HUB_MYCASE_ACCESS_TOKEN", "mycase-token");
        // nothing listens there: the poller's first attempt fails at once instead of reaching out
        env.put("HUB_MYCASE_BASE_URL", "http://127.0.0.1:9/v1");
        return env;
    }

    @Test
    void mycaseNeedsNoClioKeys() {
        Map<String, Object> env = mycaseEnvironment();
        env.put("HUB_MYCASE_POLL_RESOURCES", "cases,tasks");
        env.put("HUB_MYCASE_PREFERENCE_FIELD", "Preferred contact");
        try (ConfigurableApplicationContext context = start(env)) {
            assertThat(context.getBean(HubProperties.class).practiceManagement()).isEqualTo("mycase");
            MyCaseProperties mycase = context.getBean(MyCaseProperties.class);
            assertThat(mycase.accessToken()).isEqualTo("mycase-token");
            assertThat(mycase.pollResources()).containsExactly("cases", "tasks");
            assertThat(mycase.preferenceField()).isEqualTo("Preferred contact");
            // defaults
            assertThat(mycase.tokenUrl()).isEqualTo("https://auth.mycase.com/tokens");
            assertThat(mycase.requestsPerSecond()).isEqualTo(10.0);
            assertThat(mycase.pageSize()).isEqualTo(100);
            assertThat(mycase.updatedAfterParam()).isEqualTo("filter[updated_after]");
            assertThat(mycase.pollIntervalMillis()).isEqualTo(60_000L);
            assertThat(mycase.pollOverlap()).hasMinutes(2);
            assertThat(mycase.manageWebhooks()).isFalse();
            assertThat(context.getBean(ClioProperties.class).accessToken()).isEmpty();
            assertThat(context.getBean(com.casewire.practice.PracticeManagement.class).getClass().getSimpleName())
                    .isEqualTo("MyCasePracticeManagement");
        }
    }

    @Test
    void clioDefaultsWhenMycaseKeysAreAbsent() {
        try (ConfigurableApplicationContext context = start(validEnvironment())) {
            MyCaseProperties mycase = context.getBean(MyCaseProperties.class);
            assertThat(mycase.baseUrl()).isEqualTo("https://external-integrations.mycase.com/v1");
            assertThat(mycase.pollResources()).containsExactly("cases", "tasks", "documents");
            assertThat(context.getBean(com.casewire.practice.PracticeManagement.class).getClass().getSimpleName())
                    .isEqualTo("ClioPracticeManagement");
        }
    }

    @Test
    void clioAccessTokenIsRequiredOnlyForClio() {
        Map<String, Object> env = validEnvironment();
        env.remove("HUB_CLIO_ACCESS_TOKEN");

        assertThatThrownBy(() -> start(env))
                .hasStackTraceContaining("hub.clio.access-token is required when hub.practice-management=clio");
    }

    @Test
    void mycaseTokenIsRequiredForMycase() {
        Map<String, Object> env = mycaseEnvironment();
        env.remove("HUB_MYCASE_ACCESS_TOKEN");

        assertThatThrownBy(() -> start(env)).hasStackTraceContaining(
                "hub.mycase.access-token or hub.mycase.refresh-token is required when hub.practice-management=mycase");
    }

    @Test
    void invalidMycaseValuesAreNamed() {
        Map<String, Object> env = mycaseEnvironment();
        env.put("HUB_MYCASE_REFRESH_TOKEN", "refresh-without-client");
        env.put("HUB_MYCASE_REQUESTS_PER_SECOND", "30");
        env.put("HUB_MYCASE_POLL_RESOURCES", "cases,invoices");
        env.put("HUB_MYCASE_TOKEN_URL", "auth.mycase.com/tokens");

        assertThatThrownBy(() -> start(env))
                .hasStackTraceContaining("hub.mycase.client-id and hub.mycase.client-secret are required when hub.mycase.refresh-token is set")
                .hasStackTraceContaining("hub.mycase.requests-per-second must be at most 25")
                .hasStackTraceContaining("hub.mycase.poll-resources may only name cases, tasks and documents")
                .hasStackTraceContaining("hub.mycase.token-url must be an http(s) URL");
    }

    @Test
    void missingRequiredKeyIsNamed() {
        Map<String, Object> env = validEnvironment();
        env.remove("HUB_TWILIO_ACCOUNT_SID");

        assertThatThrownBy(() -> start(env)).hasStackTraceContaining("hub.twilio.account-sid");
    }

    @Test
    void invalidValuesAreNamed() {
        Map<String, Object> env = validEnvironment();
        env.put("HUB_PRACTICE_MANAGEMENT", "filevine");
        env.put("HUB_TWILIO_FROM_NUMBER", "555-0199");

        assertThatThrownBy(() -> start(env))
                .hasStackTraceContaining("hub.practice-management")
                .hasStackTraceContaining("hub.twilio.from-number");
    }

    @Test
    void webFormOriginsBindFromTheEnvironmentAndAWildcardIsRefused() {
        Map<String, Object> env = validEnvironment();
        env.put("HUB_INTAKE_WEB_FORM_ORIGINS", "https://www.firm.example,https://firm.example");
        try (ConfigurableApplicationContext context = start(env)) {
            assertThat(context.getBean(IntakeProperties.class).webFormOriginList())
                    .containsExactly("https://www.firm.example", "https://firm.example");
        }

        env.put("HUB_INTAKE_WEB_FORM_ORIGINS", "*");
        assertThatThrownBy(() -> start(env)).hasStackTraceContaining("hub.intake.web-form-origins must be origins");
    }

    @Test
    void unknownTimeZoneIsRefused() {
        Map<String, Object> env = validEnvironment();
        env.put("HUB_FIRM_TIME_ZONE", "Mars/Olympus");

        assertThatThrownBy(() -> start(env)).hasStackTraceContaining("hub.firm.time-zone");
    }

    @Test
    void missingMailServerIsNamed() {
        Map<String, Object> env = validEnvironment();
        env.remove("SPRING_MAIL_HOST");

        assertThatThrownBy(() -> start(env)).hasStackTraceContaining("spring.mail.host");
    }
}
