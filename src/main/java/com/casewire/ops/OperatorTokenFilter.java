package com.casewire.ops;

import org.springframework.stereotype.Component;

/**
 * The operator's endpoints under {@code /actuator} need {@code Authorization: Bearer <operator token>}
 * ({@code hub.api.operator-token}, else {@code hub.api.token}): Jolokia reads, writes and invokes every MBean,
 * route stop and start included; Prometheus and metrics show the hub's traffic. Deny by default: only health
 * (an orchestrator's probes) and info are open, so {@code /actuator/health/..;/jolokia} is not taken for health.
 * The API operations of {@link #isOperatorApi} (running a workflow's job now: the retainer sweep, the billing ladder;
 * pausing and resuming a workflow) take the operator token too, instead of the staff API token.
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

    /** Everything under it (pause, resume) is the operator's; the list itself is a staff read. */
    static final String WORKFLOW_OPERATIONS = "/api/workflows/";

    /** Whether an {@code /api} path takes the operator token instead of the API token. */
    static boolean isOperatorApi(String path) {
        return path != null && (OPERATOR_API.contains(path) || path.startsWith(WORKFLOW_OPERATIONS));
    }

    static boolean needsOperator(String path) {
        if (isOperatorApi(path)) {
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
