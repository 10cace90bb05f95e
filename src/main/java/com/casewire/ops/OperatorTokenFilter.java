package com.casewire.ops;

import org.springframework.stereotype.Component;

/**
 * The operator's endpoints under {@code /actuator} need {@code Authorization: Bearer <operator token>}
 * ({@code hub.api.operator-token}, else {@code hub.api.token}): Jolokia reads, writes and invokes every MBean,
 * route stop and start included; Prometheus and metrics show the hub's traffic. Deny by default: only health
 * (an orchestrator's probes) and info are open, so {@code /actuator/health/..;/jolokia} is not taken for health.
 * The API operations listed in {@link #OPERATOR_API} (running a workflow's job now: the retainer sweep, the billing
 * ladder) take the operator token too, instead of the staff API token.
 */
@Component
class OperatorTokenFilter extends BearerTokenFilter {

    OperatorTokenFilter(ApiProperties api) {
        super(api.effectiveOperatorToken(),
                "{\"error\":\"operator_endpoints_disabled\",\"message\":\"set hub.api.operator-token or hub.api.token\"}",
                "{\"error\":\"unauthorized\",\"message\":\"Authorization: Bearer <operator token> required\"}");
    }

    @Override
    boolean guards(String path) {
        return needsOperator(path);
    }

    /**
     * API paths that are operations rather than staff reads: they need the operator token, not the API token. Exact
     * paths; any other spelling of them needs both tokens.
     */
    static final java.util.Set<String> OPERATOR_API = java.util.Set.of("/api/retainers/sweep", "/api/billing/ladder/run");

    static boolean needsOperator(String path) {
        if (path != null && OPERATOR_API.contains(path)) {
            return true;
        }
        if (path == null || !(path.equals("/actuator") || path.startsWith("/actuator/") || path.startsWith("/actuator;"))) {
            return false;
        }
        boolean open = path.equals("/actuator/info") || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/") && !path.contains("..") && !path.contains(";");
        return !open;
    }
}
