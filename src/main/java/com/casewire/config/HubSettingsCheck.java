package com.casewire.config;

import com.casewire.gcal.GoogleProperties;
import com.casewire.inbox.InboxProperties;
import com.casewire.inbox.WebhookProperties;
import com.casewire.intake.IntakeProperties;
import com.casewire.lawpay.LawpayProperties;
import com.casewire.mail.MailProperties;
import com.casewire.notify.NotificationProperties;
import com.casewire.ops.ApiProperties;
import com.casewire.outbox.OutboxProperties;
import com.casewire.practice.clio.ClioProperties;
import com.casewire.practice.mycase.MyCaseProperties;
import com.casewire.schedule.TimerProperties;
import com.casewire.statusupdate.StatusUpdateProperties;
import com.casewire.twilio.TwilioProperties;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks every section of {@code hub.*} before any bean exists, so a start with missing or invalid keys stops once,
 * naming each problem ({@link InvalidHubSettings}; a bare jar names every missing key and its environment variable),
 * instead of at whichever section a bean happens to ask for first. Each section's record carries its own rules
 * (Spring checks them again when it binds the record); the rules that span sections live here.
 */
@Component
class HubSettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    /** Every section of the hub's own configuration, by prefix; a new section's record is added here. */
    static final Map<String, Class<?>> SECTIONS = sections();

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> problems = problems(Binder.get(environment));
        if (!problems.isEmpty()) {
            throw new InvalidHubSettings(problems);
        }
    }

    /** Each problem with the keys {@code binder} holds, one line each, in the order of {@link #SECTIONS}. */
    static List<String> problems(Binder binder) {
        List<String> problems = new ArrayList<>();
        Map<Class<?>, Object> bound = new LinkedHashMap<>();
        for (Map.Entry<String, Class<?>> section : SECTIONS.entrySet()) {
            try {
                Object settings = binder.bindOrCreate(section.getKey(), section.getValue());
                bound.put(section.getValue(), settings);
                Validators.VALIDATOR.validate(settings).stream().map(v -> line(section.getKey(), v)).sorted()
                        .forEach(problems::add);
            } catch (BindException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                problems.add(e.getProperty() == null ? e.getMessage()
                        : e.getProperty().getName() + " = " + e.getProperty().getValue() + ": " + cause.getMessage());
            }
        }
        HubProperties hub = (HubProperties) bound.get(HubProperties.class);
        ClioProperties clio = (ClioProperties) bound.get(ClioProperties.class);
        MyCaseProperties mycase = (MyCaseProperties) bound.get(MyCaseProperties.class);
        if (hub != null && clio != null && "clio".equals(hub.practiceManagement()) && isBlank(clio.accessToken())) {
            problems.add("hub.clio.access-token is required when hub.practice-management=clio");
        }
        if (hub != null && mycase != null && "mycase".equals(hub.practiceManagement())
                && isBlank(mycase.accessToken()) && isBlank(mycase.refreshToken())) {
            problems.add("hub.mycase.access-token or hub.mycase.refresh-token is required when hub.practice-management=mycase");
        }
        return problems;
    }

    /** The record's own message when it names its key, else the key (kebab-case) and the constraint's message. */
    private static String line(String prefix, ConstraintViolation<Object> violation) {
        String message = violation.getMessage();
        if (message.startsWith("hub.")) {
            return message;
        }
        String path = violation.getPropertyPath().toString().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
        return prefix + (path.isEmpty() ? "" : "." + path) + " " + message;
    }

    private static Map<String, Class<?>> sections() {
        Map<String, Class<?>> sections = new LinkedHashMap<>();
        sections.put("hub", HubProperties.class);
        sections.put("hub.firm", FirmProperties.class);
        sections.put("hub.clio", ClioProperties.class);
        sections.put("hub.mycase", MyCaseProperties.class);
        sections.put("hub.twilio", TwilioProperties.class);
        sections.put("hub.mail", MailProperties.class);
        sections.put("hub.webhooks", WebhookProperties.class);
        sections.put("hub.notifications", NotificationProperties.class);
        sections.put("hub.outbox", OutboxProperties.class);
        sections.put("hub.inbox", InboxProperties.class);
        sections.put("hub.timers", TimerProperties.class);
        sections.put("hub.api", ApiProperties.class);
        sections.put("hub.lawpay", LawpayProperties.class);
        sections.put("hub.google", GoogleProperties.class);
        sections.put("hub.intake", IntakeProperties.class);
        sections.put("hub.status-updates", StatusUpdateProperties.class);
        return Collections.unmodifiableMap(sections);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** One validator for the process: building one takes a noticeable moment, and test JVMs start many hubs. */
    private static final class Validators {
        private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
        static final Validator VALIDATOR = FACTORY.getValidator();
    }
}
