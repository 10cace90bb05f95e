package com.casewire.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.twilio.SmsKeywords.Intent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsKeywordsTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
            "STOP|OPT_OUT", "stop|OPT_OUT", " Stop. |OPT_OUT", "UNSUBSCRIBE|OPT_OUT", "end|OPT_OUT", "quit|OPT_OUT",
            "STOPALL|OPT_OUT", "revoke|OPT_OUT", "optout|OPT_OUT", "cancel|OPT_OUT",
            "Stop please|OPT_OUT", "unsubscribe me now|OPT_OUT", "STOP texting me|OPT_OUT",
            "START|OPT_IN", "yes|OPT_IN", "Unstop|OPT_IN",
            "HELP|HELP", "info|HELP",
            "Thanks, see you Tuesday|MESSAGE", "Don't stop working on my case|MESSAGE",
            "Please stop by the office with the documents tomorrow morning|MESSAGE",
            "Yes I can come in|MESSAGE", "EMAIL|CHANNEL_PREFERENCE", "e-mail|CHANNEL_PREFERENCE",
            "Text|CHANNEL_PREFERENCE", "SMS|CHANNEL_PREFERENCE", "portal|CHANNEL_PREFERENCE", "Email me the forms please|MESSAGE", "''|MESSAGE", "!!!|MESSAGE"})
    void classifies(String body, Intent expected) {
        assertThat(SmsKeywords.classify(body)).isEqualTo(expected);
    }
}
