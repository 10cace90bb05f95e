package com.casewire.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio's published vectors (twilio-java RequestValidatorTest, twilio-python test_request_validator). */
class TwilioSignatureTest {

    static final String TOKEN = "12345";
    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final String OFFICIAL = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    static Map<String, List<String>> officialParams() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("CallSid", List.of("CA1234567890ABCDE"));
        p.put("Caller", List.of("+14158675309"));
        p.put("Digits", List.of("1234"));
        p.put("From", List.of("+14158675309"));
        p.put("To", List.of("+18005551212"));
        return p;
    }

    @Test
    void officialFormVectorValidates() {
        assertThat(TwilioSignature.compute(TOKEN, URL, officialParams())).isEqualTo(OFFICIAL);
        assertThat(TwilioSignature.validate(TOKEN, URL, officialParams(), OFFICIAL)).isTrue();
    }

    @Test
    void officialNegativeVectorIsRejected() {
        assertThat(TwilioSignature.validate(TOKEN, URL, officialParams(), "NOT" + OFFICIAL)).isFalse();
    }

    @Test
    void tamperedParameterOrWrongTokenIsRejected() {
        Map<String, List<String>> tampered = officialParams();
        tampered.put("Digits", List.of("9999"));

        assertThat(TwilioSignature.validate(TOKEN, URL, tampered, OFFICIAL)).isFalse();
        assertThat(TwilioSignature.validate("54321", URL, officialParams(), OFFICIAL)).isFalse();
        assertThat(TwilioSignature.validate(TOKEN, URL, officialParams(), null)).isFalse();
        assertThat(TwilioSignature.validate(TOKEN, URL, officialParams(), "")).isFalse();
    }

    @Test
    void urlWithOrWithoutTheDefaultPortValidates() {
        String withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";

        assertThat(TwilioSignature.validate(TOKEN, withPort, officialParams(), OFFICIAL)).isTrue();
        String signedWithPort = TwilioSignature.compute(TOKEN, withPort, officialParams());
        assertThat(TwilioSignature.validate(TOKEN, URL, officialParams(), signedWithPort)).isTrue();
        assertThat(TwilioSignature.validate(TOKEN, "https://mycompany.com:8443/myapp.php?foo=1&bar=2", officialParams(),
                OFFICIAL)).isTrue(); // the port is dropped as the SDKs do
        assertThat(TwilioSignature.validate(TOKEN, "https://other.com/myapp.php?foo=1&bar=2", officialParams(), OFFICIAL))
                .isFalse();
    }

    @Test
    void officialJsonBodyVectorValidates() {
        byte[] body = "{\"property\": \"value\", \"boolean\": true}".getBytes(StandardCharsets.UTF_8);
        String hash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        String url = URL + "&bodySHA256=" + hash;

        assertThat(TwilioSignature.sha256Hex(body)).isEqualTo(hash);
        assertThat(TwilioSignature.compute(TOKEN, url, Map.of())).isEqualTo("a9nBmqA0ju/hNViExpshrM61xv4=");
        assertThat(TwilioSignature.validateJsonBody(TOKEN, url, body, "a9nBmqA0ju/hNViExpshrM61xv4=")).isTrue();
    }

    @Test
    void jsonBodyThatDoesNotMatchItsHashIsRejected() {
        String hash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        String url = URL + "&bodySHA256=" + hash;
        byte[] other = "{\"property\": \"changed\", \"boolean\": true}".getBytes(StandardCharsets.UTF_8);

        assertThat(TwilioSignature.validateJsonBody(TOKEN, url, other, "a9nBmqA0ju/hNViExpshrM61xv4=")).isFalse();
        assertThat(TwilioSignature.validateJsonBody(TOKEN, URL, other, OFFICIAL)).isFalse(); // no bodySHA256 at all
    }

    @Test
    void repeatedParametersAreSortedByValue() {
        Map<String, List<String>> params = Map.of("MediaUrl", List.of("https://b.example/2", "https://a.example/1"));
        String expected = TwilioSignature.compute(TOKEN, URL, Map.of("MediaUrl",
                List.of("https://a.example/1", "https://b.example/2")));

        assertThat(TwilioSignature.compute(TOKEN, URL, params)).isEqualTo(expected);
        assertThat(TwilioSignature.validate(TOKEN, URL, params, expected)).isTrue();
    }
}
