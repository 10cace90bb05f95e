package com.casewire.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Missing or invalid {@code hub.*} keys stop the start with one line per problem, not a stack trace. */
class HubSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidHubSettings> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidHubSettings cause) {
        return new FailureAnalysis("The hub's configuration has " + cause.problems().size()
                + (cause.problems().size() == 1 ? " problem" : " problems") + ":\n" + cause.getMessage(),
                "Set each key named, as a property or as the environment variable named (README.md, \"Configuration\"), "
                        + "or start with --spring.profiles.active=sandbox to try the hub without vendor accounts.", cause);
    }
}
