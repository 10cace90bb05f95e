package com.casewire.ops;

import com.casewire.config.HubProperties;
import org.springframework.stereotype.Component;

/**
 * The operator's endpoints under {@code /actuator} need {@code Authorization: Bearer <operator token>}
 * ({@code hub.api.operator-token}, else {@code hub.api.token}): Jolokia reads, writes and invokes every MBean,
 * route stop and start included; Prometheus and metrics show the hub's traffic. Deny by default: only health
 * (an orchestrator's probes) and info are open, so {@code /actuator/health/..;/jolokia} is not taken for health.
 * Also the operator's operations under {@code /api} ({@link #OPERATOR_API}: running the billing ladder now).
 */
@Component
class OperatorTokenFilter extends BearerTokenFilter {

    OperatorTokenFilter(HubProperties hub) {
        super(hub.api().effectiveOperatorToken(),
                "{\"error\":\"operator_endpoints_disabled\",\"message\":\"set hub.api.operator-token or hub.api.token\"}",
                "{\"error\":\"unauthorized\",\"message\":\"Authorization: Bearer <operator token> required\"}");
    }

    @Override
    boolean guards(String path) {
        return needsOperator(path);
    }

    /** Operations under {@code /api} that only the operator may run (exact paths; any other spelling needs both tokens). */
    static final java.util.Set<String> OPERATOR_API = java.util.Set.of("/api/billing/ladder/run");

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
