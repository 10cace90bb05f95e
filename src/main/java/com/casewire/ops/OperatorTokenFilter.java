package com.casewire.ops;

import com.casewire.config.HubProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operator's endpoints under {@code /actuator} need {@code Authorization: Bearer <operator token>}
 * ({@code hub.api.operator-token}, else {@code hub.api.token}): Jolokia reads, writes and invokes every MBean,
 * route stop and start included; Prometheus and metrics show the hub's traffic. Deny by default: only health
 * (an orchestrator's probes) and info are open. Like {@link ApiTokenFilter}, decided on the mapped path and on the
 * raw URI, so {@code /actuator/health/..;/jolokia} is not taken for health.
 */
@Component
class OperatorTokenFilter extends OncePerRequestFilter {

    private final byte[] expected;

    OperatorTokenFilter(HubProperties hub) {
        String token = hub.api().effectiveOperatorToken();
        this.expected = token == null || token.isBlank() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String mapped = (request.getServletPath() == null ? "" : request.getServletPath())
                + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !needsOperator(mapped) && !needsOperator(request.getRequestURI());
    }

    static boolean needsOperator(String path) {
        if (path == null || !(path.equals("/actuator") || path.startsWith("/actuator/") || path.startsWith("/actuator;"))) {
            return false;
        }
        boolean open = path.equals("/actuator/info") || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/") && !path.contains("..") && !path.contains(";");
        return !open;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader("Authorization");
        if (expected == null || presented == null
                || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer");
            response.setContentType("application/json");
            response.getWriter().write(expected == null
                    ? "{\"error\":\"operator_endpoints_disabled\",\"message\":\"set hub.api.operator-token or hub.api.token\"}"
                    : "{\"error\":\"unauthorized\",\"message\":\"Authorization: Bearer <operator token> required\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
