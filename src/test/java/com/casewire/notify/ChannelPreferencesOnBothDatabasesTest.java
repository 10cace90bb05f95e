package com.casewire.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import com.casewire.support.TestDatabases;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A contact's stored preference, looked up in one query for all its keys: the contact id's wins over the mobile
 * number's, which wins over the email address's; a preference the source system named is left alone.
 */
class ChannelPreferencesOnBothDatabasesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T18:00:00Z");
    private static final Contact ANA = new Contact("c-17", "Ana Ruiz", "Ana", "Ana.Ruiz@example.com", "+12015550123",
            null, "America/New_York");

    @AfterAll
    static void dropSchemas() throws Exception {
        TestDatabases.dropSchemas();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theContactsKeysAreTriedInOrderOfPrecedence(String kind) {
        ChannelPreferences preferences = new ChannelPreferences(new NamedParameterJdbcTemplate(TestDatabases.migrated(kind)));

        assertThat(preferences.forContact(ANA)).isEmpty();
        assertThat(preferences.applyTo(ANA)).isEqualTo(ANA);

        preferences.set(ChannelPreferences.emailKey("ana.ruiz@example.com"), Channel.EMAIL, "test", NOW);
        assertThat(preferences.forContact(ANA)).contains(Channel.EMAIL);

        preferences.set(ChannelPreferences.phoneKey("+12015550123"), Channel.SMS, "test", NOW);
        assertThat(preferences.forContact(ANA)).contains(Channel.SMS);

        preferences.set(ChannelPreferences.contactKey("c-17"), Channel.PORTAL, "test", NOW);
        assertThat(preferences.forContact(ANA)).contains(Channel.PORTAL);
        assertThat(preferences.applyTo(ANA).preferredChannel()).isEqualTo(Channel.PORTAL);

        // one the source system named is kept; a contact with no key has no stored preference
        assertThat(preferences.applyTo(ANA.withPreferredChannel(Channel.EMAIL)).preferredChannel()).isEqualTo(Channel.EMAIL);
        assertThat(preferences.forContact(new Contact(null, "Nobody", null, null, null, null, null))).isEmpty();

        preferences.clear(ChannelPreferences.contactKey("c-17"));
        assertThat(preferences.forContact(ANA)).contains(Channel.SMS);
    }
}
