package com.casewire.ops;

import org.springframework.stereotype.Component;

/**
 * {@code /api/**} (staff and operator API: replays, approvals, the audit trail) needs
 * {@code Authorization: Bearer <hub.api.token>}. With no token configured the API is closed. The few operations under
 * {@code /api} that only the operator may run ({@link OperatorTokenFilter#isOperatorApi}) need the operator token instead.
 */
@Component
class ApiTokenFilter extends BearerTokenFilter {

    ApiTokenFilter(ApiProperties api) {
        super(api.token(),
                "{\"error\":\"api_disabled\",\"message\":\"set hub.api.token to enable the API\"}",
                "{\"error\":\"unauthorized\",\"message\":\"Authorization: Bearer <hub.api.token> required\"}");
    }

    @Override
    boolean guards(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/") || path.startsWith("/api;"))
                && !OperatorTokenFilter.isOperatorApi(path); // those take the operator token instead
    }
}
