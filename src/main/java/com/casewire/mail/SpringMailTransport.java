package com.casewire.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailAuthenticator;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The transport under the camel-mail endpoint of the route {@code outbound-email}: Spring Boot's mail sender, so the
 * SMTP server, credentials, TLS and time-outs have one home ({@code spring.mail.*}) and an explicit Message-ID is kept
 * (the outbox's unknown-outcome resend depends on it). The endpoint's own connection settings are not used: the
 * setters are ignored, the getters report Spring's.
 */
public class SpringMailTransport implements JavaMailSender {

    private final org.springframework.mail.javamail.JavaMailSender spring;

    public SpringMailTransport(org.springframework.mail.javamail.JavaMailSender spring) {
        this.spring = spring;
    }

    @Override
    public void send(MimeMessage message) {
        spring.send(message);
    }

    private JavaMailSenderImpl impl() {
        return spring instanceof JavaMailSenderImpl impl ? impl : new JavaMailSenderImpl();
    }

    @Override
    public Properties getJavaMailProperties() {
        return impl().getJavaMailProperties();
    }

    @Override
    public void setJavaMailProperties(Properties properties) {
        // spring.mail.properties.* is the one place for them
    }

    @Override
    public void addAdditionalJavaMailProperty(String key, String value) {
        // spring.mail.properties.* is the one place for them
    }

    @Override
    public void setHost(String host) {
        // spring.mail.host
    }

    @Override
    public String getHost() {
        return impl().getHost();
    }

    @Override
    public void setPort(int port) {
        // spring.mail.port
    }

    @Override
    public int getPort() {
        return impl().getPort();
    }

    @Override
    public void setUsername(String username) {
        // spring.mail.username
    }

    @Override
    public String getUsername() {
        return impl().getUsername();
    }

    @Override
    public void setPassword(String password) {
        // spring.mail.password
    }

    @Override
    public String getPassword() {
        return impl().getPassword();
    }

    @Override
    public void setProtocol(String protocol) {
        // spring.mail.protocol
    }

    @Override
    public String getProtocol() {
        return impl().getProtocol();
    }

    @Override
    public void setSession(Session session) {
        // Spring's sender keeps its own session
    }

    @Override
    public Session getSession() {
        return impl().getSession();
    }

    @Override
    public void setAuthenticator(MailAuthenticator authenticator) {
        // spring.mail.username and password
    }

    @Override
    public MailAuthenticator getAuthenticator() {
        return null;
    }
}
