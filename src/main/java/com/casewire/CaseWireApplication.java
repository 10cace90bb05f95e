package com.casewire;

import com.casewire.routesdir.RoutesCheckOnStart;
import com.casewire.routesdir.ValidateCommand;
import com.casewire.routetest.RouteTestCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CaseWireApplication {

    public static void main(String[] args) {
        if (ValidateCommand.requested(args)) {
            // checks the routes directory's files (starting nothing), then runs its route tests on a hub of their own
            int status = ValidateCommand.run(args, System.out);
            if (status == 0 && !java.util.Arrays.asList(args).contains(RouteTestCommand.SKIP)) {
                status = RouteTestCommand.run(ValidateCommand.routesDirectory(args), System.out);
            }
            System.exit(status);
        }
        SpringApplication app = new SpringApplication(CaseWireApplication.class);
        app.addListeners(new RoutesCheckOnStart());
        app.run(args);
    }
}
