package com.casewire.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bearer token for /api/** (staff and operator API). Empty disables the API. The operator token opens the
 * operator's actuator endpoints (Jolokia, Prometheus, metrics); empty means the API token does.
 */
@Validated
@ConfigurationProperties("hub.api")
public record ApiProperties(@DefaultValue("") String token, @DefaultValue("") String operatorToken) {

    /** The token the operator endpoints take: the operator token when set, else the API token. */
    public String effectiveOperatorToken() {
        return operatorToken.isBlank() ? token : operatorToken;
    }
}
