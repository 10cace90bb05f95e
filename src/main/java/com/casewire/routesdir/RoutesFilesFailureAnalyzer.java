package com.casewire.routesdir;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A problem in the integrator's files stops the start with one line per problem, not a stack trace. */
class RoutesFilesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRoutesFiles> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidRoutesFiles cause) {
        return new FailureAnalysis("The routes directory has " + cause.problems().size()
                + (cause.problems().size() == 1 ? " problem" : " problems") + ":\n" + cause.getMessage(),
                "Fix each file at the line named, then check the directory without starting the hub: "
                        + "java -jar casewire-hub.jar --validate --routes-dir=<dir> (or scripts/validate.sh <dir>).", cause);
    }
}
