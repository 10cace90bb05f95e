package com.casewire.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.camel.RuntimeCamelException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

/** How a failure thrown by a camel-http route becomes the outbox's terms. */
class VendorRoutesTest {

    @Test
    void nothingLeftTheHubWhenTheConnectionWasNeverMade() {
        VendorException refused = VendorRoutes.classify("twilio", new HttpHostConnectException("Connect to 127.0.0.1:9 refused"));
        assertThat(refused.isTransient()).isTrue();
        assertThat(refused.outcomeUnknown()).isFalse();
        assertThat(VendorRoutes.classify("clio", new RuntimeCamelException(new ConnectException("refused"))).outcomeUnknown())
                .isFalse();
    }

    @Test
    void anAnswerThatNeverCameLeavesTheOutcomeUnknown() {
        assertThat(VendorRoutes.classify("twilio", new SocketTimeoutException("Read timed out")).outcomeUnknown()).isTrue();
        assertThat(VendorRoutes.classify("clio", new RuntimeCamelException(new NoHttpResponseException("no response")))
                .outcomeUnknown()).isTrue();
    }

    @Test
    void aClassifiedFailureIsKeptAsItIs() {
        VendorException permanent = new VendorException("clio", false, 422, "ValidationError", "bad", null, null);
        assertThat(VendorRoutes.classify("clio", new RuntimeCamelException(permanent))).isSameAs(permanent);
    }
}
