package com.casewire.support;

/** Twilio Messages API bodies as Twilio returns them (shared/vendor-apis.md §5.1). */
public final class TwilioFixtures {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String AUTH_TOKEN = "test-twilio-token";
    public static final String FROM = "+12015550199";
    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    private TwilioFixtures() {
    }

    public static String created(String sid, String to) {
        return """
                {"sid":"%s","account_sid":"%s","from":"%s","to":"%s","body":"...","status":"queued",\
                "direction":"outbound-api","num_segments":"1","error_code":null,"error_message":null,\
                "api_version":"2010-04-01","uri":"/2010-04-01/Accounts/%s/Messages/%s.json"}"""
                .formatted(sid, ACCOUNT_SID, FROM, to, ACCOUNT_SID, sid);
    }

    public static String error(int code, String message, int status) {
        return """
                {"code":%d,"message":"%s","more_info":"https://www.twilio.com/docs/errors/%d","status":%d}"""
                .formatted(code, message, code, status);
    }
}
