package com.casewire.retainer;

import jakarta.validation.constraints.AssertTrue;
import org.quartz.CronExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.retainer.*}: when the daily sweep runs (routes/retainer.camel.yaml reads the same key). The workflow's
 * rules live in {@code routes/retainer.rules.yaml} (integrator-owned).
 *
 * @param sweepCron Quartz cron expression, in the firm's zone ({@code hub.firm.time-zone}), of the sweep of every
 *                  matter with a trust balance; 07:30 every day by default, so what it finds is sent in business
 *                  hours. Clio sends no webhook for bank transactions: the sweep is what sees a withdrawal from trust
 *                  that no time entry or payment announced.
 */
@Validated
@ConfigurationProperties("hub.retainer")
record RetainerProperties(@DefaultValue("0 30 7 * * ?") String sweepCron) {

    @AssertTrue(message = "hub.retainer.sweep-cron must be a Quartz cron expression such as \"0 30 7 * * ?\"")
    public boolean isSweepCronValid() {
        return sweepCron != null && CronExpression.isValidExpression(sweepCron);
    }
}
