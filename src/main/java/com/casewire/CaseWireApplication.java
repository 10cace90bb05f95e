package com.casewire;

import com.casewire.routesdir.RoutesCheckOnStart;
import com.casewire.routesdir.ValidateCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CaseWireApplication {

    public static void main(String[] args) {
        if (ValidateCommand.requested(args)) {
            System.exit(ValidateCommand.run(args, System.out)); // checks the routes directory; starts nothing
        }
        SpringApplication app = new SpringApplication(CaseWireApplication.class);
        app.addListeners(new RoutesCheckOnStart());
        app.run(args);
    }
}
