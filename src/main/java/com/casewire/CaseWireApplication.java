package com.casewire;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CaseWireApplication {

    public static void main(String[] args) {
        SpringApplication.run(CaseWireApplication.class, args);
    }
}
