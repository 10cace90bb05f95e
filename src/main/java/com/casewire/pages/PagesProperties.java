package com.casewire.pages;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.pages.*}: the key that signs the links in staff alerts (a lead alert opens the lead page on the
 * attorney's phone without an API token) and how long such a link works. Without a secret the key is random and
 * the links stop working when the hub restarts (the start says so).
 */
@ConfigurationProperties("hub.pages")
record PagesProperties(@DefaultValue("") String staffLinkSecret, @DefaultValue("7d") Duration staffLinkTtl) {
}
