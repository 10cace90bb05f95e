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

    /** A page of the Messages list (GET Messages.json), newest first, as Twilio pages it; no next page. */
    public static String messagesPage(String... messages) {
        return "{\"messages\":[" + String.join(",", messages) + "],\"page\":0,\"page_size\":50,"
                + "\"first_page_uri\":\"" + MESSAGES_PATH + "?Page=0\",\"next_page_uri\":null,\"previous_page_uri\":null,"
                + "\"start\":0,\"end\":" + Math.max(0, messages.length - 1) + ",\"uri\":\"" + MESSAGES_PATH + "?Page=0\"}";
    }

    /** One Message resource as the list returns it: {@code date_created} in RFC 2822, not yet sent. */
    public static String listed(String sid, String to, String body, java.time.Instant created) {
        return """
                {"sid":"%s","account_sid":"%s","from":"%s","to":"%s","body":"%s","status":"queued",\
                "direction":"outbound-api","num_segments":"1","error_code":null,"error_message":null,\
                "date_created":"%s","date_sent":null,"api_version":"2010-04-01",\
                "uri":"/2010-04-01/Accounts/%s/Messages/%s.json"}"""
                .formatted(sid, ACCOUNT_SID, FROM, to, body.replace("\\", "\\\\").replace("\"", "\\\""),
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(created.atOffset(java.time.ZoneOffset.UTC)),
                        ACCOUNT_SID, sid);
    }

    public static String error(int code, String message, int status) {
        return """
                {"code":%d,"message":"%s","more_info":"https://www.twilio.com/docs/errors/%d","status":%d}"""
                .formatted(code, message, code, status);
    }
}
