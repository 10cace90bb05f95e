package com.casewire.routesdir;

import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Runs the {@code --validate} checks when the hub starts, before any bean exists: a routes directory with a problem
 * stops the start with the same {@code file:line: message} lines ({@link RoutesFilesFailureAnalyzer} prints them
 * without a stack trace). Registered by the application's main method, so test contexts that point at partial routes
 * directories of their own are not held to it.
 */
public final class RoutesCheckOnStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String dir = event.getEnvironment().getProperty("hub.routes-dir", "routes");
        RoutesValidator.Result result = RoutesValidator.check(Path.of(dir));
        if (!result.problems().isEmpty()) {
            throw new InvalidRoutesFiles(result.problems());
        }
    }
}
