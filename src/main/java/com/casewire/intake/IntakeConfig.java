package com.casewire.intake;

import com.casewire.config.HubProperties;
import com.casewire.schedule.TimerHandler;
import com.casewire.staff.StaffDirectory;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IntakeConfig {

    @Bean
    IntakeRules intakeRules(HubProperties hub, StaffDirectory staff) {
        return IntakeRules.load(Path.of(hub.routesDir(), "intake.rules.yaml"), staff);
    }

    @Bean
    BookingLinks bookingLinks(HubProperties hub, IntakeProperties settings, Clock clock) {
        return new BookingLinks(hub, settings, clock);
    }

    @Bean
    TimerHandler intakeScreenTimer(ProducerTemplate camel) {
        return new IntakeTimers(IntakeTimers.SCREEN, "direct:intake-screen", camel);
    }

    @Bean
    TimerHandler intakeEscalateTimer(ProducerTemplate camel) {
        return new IntakeTimers(IntakeTimers.ESCALATE, "direct:intake-escalate", camel);
    }

    @Bean
    TimerHandler intakeRemindTimer(ProducerTemplate camel) {
        return new IntakeTimers(IntakeTimers.REMIND, "direct:intake-remind", camel);
    }
}
