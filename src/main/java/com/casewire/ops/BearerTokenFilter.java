package com.casewire.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Paths that need {@code Authorization: Bearer <token>}: 401 with a JSON error otherwise, and closed entirely when no
 * token is configured. Which paths is decided on the path the servlet container maps (decoded, {@code ;parameters}
 * removed, dot segments resolved), which is what Spring MVC routes on, and on the raw URI as well:
 * {@code /api;x/outbox/dead-letters} and {@code /actuator/..;/api/...} do not start with "/api/" as typed, yet reach
 * the API. The token is compared in constant time. A filter may also take the token as the password of HTTP Basic
 * authentication ({@link #basicRealm}), which is what a browser can send: it asks for it when the 401 says Basic.
 */
abstract class BearerTokenFilter extends OncePerRequestFilter {

    /** The user name a browser sends with the token as its password (any other is refused). */
    static final String BASIC_USER = "operator";

    private final byte[] expected;
    private final byte[] expectedBasic;
    private final String disabled;
    private final String required;

    /**
     * @param disabled the JSON error body while no token is configured
     * @param required the JSON error body for a request without the token
     */
    BearerTokenFilter(String token, String disabled, String required) {
        this.expected = token == null || token.isBlank() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.expectedBasic = expected == null || basicRealm() == null ? null : ("Basic " + Base64.getEncoder()
                .encodeToString((BASIC_USER + ":" + token).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        this.disabled = disabled;
        this.required = required;
    }

    /** Whether a request to this path (mapped or raw) needs the token. */
    abstract boolean guards(String path);

    /**
     * The realm of HTTP Basic authentication with user {@value #BASIC_USER} and the token as password, for a browser
     * (the Hawtio console); null, the default: only the bearer token is taken. Read by the constructor: return a
     * constant.
     */
    String basicRealm() {
        return null;
    }

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
        byte[] bytes = presented == null ? null : presented.getBytes(StandardCharsets.UTF_8);
        boolean accepted = expected != null && bytes != null && (MessageDigest.isEqual(expected, bytes)
                || expectedBasic != null && MessageDigest.isEqual(expectedBasic, bytes));
        if (!accepted) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer");
            if (expectedBasic != null) {
                response.addHeader("WWW-Authenticate", "Basic realm=\"" + basicRealm() + "\", charset=\"UTF-8\"");
            }
            response.setContentType("application/json");
            response.getWriter().write(expected == null ? disabled : required);
            return;
        }
        chain.doFilter(request, response);
    }
}
