package com.casewire.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Paths that need {@code Authorization: Bearer <token>}: 401 with a JSON error otherwise, and closed entirely when no
 * token is configured. Which paths is decided on the path the servlet container maps (decoded, {@code ;parameters}
 * removed, dot segments resolved), which is what Spring MVC routes on, and on the raw URI as well:
 * {@code /api;x/outbox/dead-letters} and {@code /actuator/..;/api/...} do not start with "/api/" as typed, yet reach
 * the API. The token is compared in constant time.
 */
abstract class BearerTokenFilter extends OncePerRequestFilter {

    private final byte[] expected;
    private final String disabled;
    private final String required;

    /**
     * @param disabled the JSON error body while no token is configured
     * @param required the JSON error body for a request without the token
     */
    BearerTokenFilter(String token, String disabled, String required) {
        this.expected = token == null || token.isBlank() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.disabled = disabled;
        this.required = required;
    }

    /** Whether a request to this path (mapped or raw) needs the token. */
    abstract boolean guards(String path);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String mapped = (request.getServletPath() == null ? "" : request.getServletPath())
                + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !guards(mapped) && !guards(request.getRequestURI());
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
            response.getWriter().write(expected == null ? disabled : required);
            return;
        }
        chain.doFilter(request, response);
    }
}
