package com.casewire.mail;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
class MailTransportConfig {

    /** The transport the route outbound-email's camel-mail endpoint names ({@code #springMailTransport}). */
    @Bean
    SpringMailTransport springMailTransport(ObjectProvider<JavaMailSender> mail) {
        // without spring.mail.host there is no sender: SmtpEmailChannel stops the start with a message that says so
        return new SpringMailTransport(mail.getIfAvailable());
    }
}
