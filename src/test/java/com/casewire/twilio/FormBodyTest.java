package com.casewire.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    @Test
    void repeatedNamesKeepEveryValueInOrder() {
        assertThat(FormBody.parse("To=%2B12015550100&MediaUrl=a&MediaUrl=b&Body=Hello+there%21"))
                .containsEntry("To", List.of("+12015550100")).containsEntry("MediaUrl", List.of("a", "b"))
                .containsEntry("Body", List.of("Hello there!"));
    }

    @Test
    void emptyPairsAndValuelessNamesAreTolerated() {
        assertThat(FormBody.parse("&&Body&From=")).containsEntry("Body", List.of("")).containsEntry("From", List.of(""));
        assertThat(FormBody.parse("")).isEmpty();
        assertThat(FormBody.parse(null)).isEmpty();
    }

    @Test
    void brokenPercentEncodingIsMalformedAndSaysWhere() {
        assertThatThrownBy(() -> FormBody.parse("MessageSid=SM1&Body=%ZZ")).isInstanceOf(FormBody.Malformed.class)
                .hasMessage("broken percent-encoding in the value of field 2 (Body)");
        assertThatThrownBy(() -> FormBody.parse("Body=Hello%2")).isInstanceOf(FormBody.Malformed.class);
        assertThatThrownBy(() -> FormBody.parse("Fr%om=x")).isInstanceOf(FormBody.Malformed.class)
                .hasMessage("broken percent-encoding in the name of field 1");
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() {
        assertThat(FormBody.first(FormBody.parse("Body=%C3%28"), "Body")).isEqualTo("\uFFFD(");
    }
}
