package com.casewire.staff;

import com.casewire.config.HubProperties;
import com.casewire.practice.PracticeLedger;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StaffConfig {

    static final String FILE = "staff.yaml";

    @Bean
    StaffDirectory staffDirectory(HubProperties hub) {
        return StaffDirectory.load(Path.of(hub.routesDir(), FILE));
    }

    @Bean
    FirmStaff firmStaff(StaffDirectory directory, ObjectProvider<PracticeLedger> ledger) {
        return new FirmStaff(directory, ledger);
    }
}
