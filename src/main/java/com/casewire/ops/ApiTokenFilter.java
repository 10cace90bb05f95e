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
 * {@code /api/**} (staff and operator API: replays, approvals, the audit trail) needs
 * {@code Authorization: Bearer <hub.api.token>}. With no token configured the API is closed.
 */
@Component
class ApiTokenFilter extends OncePerRequestFilter {

    private final byte[] expected;

    ApiTokenFilter(HubProperties hub) {
        String token = hub.api().token();
        this.expected = token == null || token.isBlank() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decided on the path the servlet container maps (decoded, {@code ;parameters} removed, dot segments resolved),
     * which is what Spring MVC routes on, and on the raw URI as well: {@code /api;x/outbox/dead-letters} and
     * {@code /actuator/..;/api/...} do not start with "/api/" as typed, yet reach the API.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String mapped = (request.getServletPath() == null ? "" : request.getServletPath())
                + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !isApi(mapped) && !isApi(request.getRequestURI());
    }

    private static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/") || path.startsWith("/api;"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader("Authorization");
        if (expected == null || presented == null
                || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json");
            response.getWriter().write(expected == null
                    ? "{\"error\":\"api_disabled\",\"message\":\"set hub.api.token to enable the API\"}"
                    : "{\"error\":\"unauthorized\",\"message\":\"Authorization: Bearer <hub.api.token> required\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
