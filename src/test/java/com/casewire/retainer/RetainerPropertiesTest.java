package com.casewire.retainer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code hub.retainer.sweep-cron} must be a Quartz cron expression: a typo stops the hub at start, not at 07:30. */
class RetainerPropertiesTest {

    @Test
    void theSweepCronIsChecked() {
        assertThat(new RetainerProperties("0 30 7 * * ?").isSweepCronValid()).isTrue();
        assertThat(new RetainerProperties("0 0 8 ? * MON-FRI").isSweepCronValid()).isTrue();
        assertThat(new RetainerProperties("07:30").isSweepCronValid()).isFalse();
        assertThat(new RetainerProperties("0 30 7 * *").isSweepCronValid()).isFalse();
    }
}
