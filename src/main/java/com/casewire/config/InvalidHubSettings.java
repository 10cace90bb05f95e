package com.casewire.config;

import java.util.List;

/** The {@code hub.*} keys a start was refused for, one line per problem ({@link HubSettingsCheck}). */
class InvalidHubSettings extends IllegalStateException {

    private final List<String> problems;

    InvalidHubSettings(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
