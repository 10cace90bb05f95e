package com.casewire.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.intake.BookingLinks;
import com.casewire.notify.ApprovalLinks;
import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import com.casewire.support.TwilioFixtures;
import com.casewire.twilio.TwilioSignature;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hostile input against every public endpoint, over raw sockets (so a body can lie about its length, a
 * percent-encoding can be broken and a header can be huge). Each case is named by what it sends and says what it
 * must get: a 4xx, or the 2xx a vendor's contract demands with the input refused or kept inert. For every case:
 * never a 5xx, and nothing reaches a vendor stub (no Twilio message, no email, no Clio note) except, for a withheld
 * caller, the attorney's alert. Requests that carry hostile content inside a valid delivery are signed as the vendor
 * signs them, so they get past the signature check to the parser. The hub must be healthy afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest extends HubIntegrationTest {

    static final String PUBLIC_BASE = "https://hub.test.example";
    static final String APPROVAL_SECRET = "hostile-approval-secret-0123456789";
    static final String CALENDAR = "alex@firm.example";
    /** Who may be told about a withheld caller: the attorneys and the intake owner of routes/intake.rules.yaml. */
    static final List<String> STAFF = List.of("+12015550111", "+12015550133", "alex@firm.example", "blair@firm.example",
            "casey@firm.example", "intake@firm.example");

    static final WireMockServer google = new WireMockServer(options().dynamicPort());

    static {
        google.start();
        google.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"g1\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
        google.stubFor(post(urlEqualTo("/calendar/v3/freeBusy")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"kind":"calendar#freeBusy","calendars":{"alex@firm.example":{"busy":[]},
                         "blair@firm.example":{"busy":[]},"casey@firm.example":{"busy":[]}}}""")));
        google.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":404,\"message\":\"Not Found\"}}")));
    }

    @DynamicPropertySource
    static void hostileWorld(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:hostile-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("hub.lawpay.secret-key", () -> "sk_test_hostile");
        registry.add("hub.lawpay.base-url", () -> google.baseUrl() + "/lawpay");
        registry.add("hub.google.base-url", () -> google.baseUrl() + "/calendar/v3");
        registry.add("hub.google.token-url", () -> google.baseUrl() + "/token");
        registry.add("hub.google.client-id", () -> "client-1");
        registry.add("hub.google.client-secret", () -> "secret-1");
        registry.add("hub.google.refresh-token", () -> "refresh-1");
        registry.add("hub.google.calendar-ids[0]", () -> CALENDAR);
        registry.add("hub.google.sync-interval-millis", () -> "86400000");
        registry.add("hub.intake.booking-secret", () -> "hostile-booking-secret-0123456789abcdef");
        registry.add("hub.intake.web-form-max-per-ip", () -> "100000");
        registry.add("hub.status-updates.approval-secret", () -> APPROVAL_SECRET);
    }

    @Autowired
    BookingLinks bookingLinks;

    @BeforeEach
    void noLeads() {
        for (String table : List.of("intake_lead_event", "intake_lead", "intake_round_robin")) {
            jdbc.update("DELETE FROM " + table, Map.of());
        }
    }

    // ---------------------------------------------------------------- requests

    /** One HTTP/1.1 request as bytes on the wire; {@code contentLength} null means the true length. */
    record Request(String method, String target, List<String> headers, byte[] body, Long contentLength, boolean halfClose) {

        static Request of(String method, String target, byte[] body, String... headers) {
            return new Request(method, target, List.of(headers), body, null, false);
        }

        Request lyingLength(long declared) {
            return new Request(method, target, headers, body, declared, true);
        }

        byte[] bytes() {
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            headers.forEach(h -> head.append(h).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(contentLength != null ? contentLength : body.length).append("\r\n");
            }
            head.append("\r\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.writeBytes(body);
            }
            return out.toByteArray();
        }
    }

    record Response(int status, String head, String body) {
    }

    Response send(Request request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.bytes());
            out.flush();
            if (request.halfClose()) {
                socket.shutdownOutput(); // the body ends here, whatever Content-Length said
            }
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = raw.indexOf("\r\n\r\n");
            String head = split < 0 ? raw : raw.substring(0, split);
            String[] statusLine = head.split("\r\n", 2)[0].split(" ");
            int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : -1;
            return new Response(status, head, split < 0 ? "" : raw.substring(split + 4));
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String form(Map<String, List<String>> params) {
        return params.entrySet().stream().flatMap(e -> e.getValue().stream().map(v ->
                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }

    static Map<String, List<String>> params(String... nameValues) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            p.computeIfAbsent(nameValues[i], k -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return p;
    }

    static String twilioSignature(String path, Map<String, List<String>> params) {
        return "X-Twilio-Signature: " + TwilioSignature.compute(TwilioFixtures.AUTH_TOKEN, PUBLIC_BASE + path, params);
    }

    /** A Twilio webhook, form-encoded and signed over its decoded fields, as Twilio sends it. */
    static Request twilio(String path, Map<String, List<String>> params) {
        return Request.of("POST", path, utf8(form(params)), "Content-Type: application/x-www-form-urlencoded",
                twilioSignature(path, params));
    }

    /**
     * A Twilio webhook with a raw form body that cannot be decoded: signed over its fields taken literally (what a
     * sender that never decoded them would sign), which the hub must refuse before it can even check the signature.
     */
    static Request twilioRaw(String path, String rawForm) {
        Map<String, List<String>> literal = new LinkedHashMap<>();
        for (String pair : rawForm.split("&")) {
            int eq = pair.indexOf('=');
            literal.computeIfAbsent(eq < 0 ? pair : pair.substring(0, eq), k -> new ArrayList<>()).add(eq < 0 ? "" : pair.substring(eq + 1));
        }
        return Request.of("POST", path, utf8(rawForm), "Content-Type: application/x-www-form-urlencoded",
                twilioSignature(path, literal));
    }

    static Map<String, List<String>> sms(String sid, String from, String body) {
        return params("MessageSid", sid, "AccountSid", TwilioFixtures.ACCOUNT_SID, "From", from, "To", TwilioFixtures.FROM,
                "Body", body, "NumMedia", "0");
    }

    static Map<String, List<String>> call(String sid, String status, String from) {
        return params("CallSid", sid, "AccountSid", TwilioFixtures.ACCOUNT_SID, "From", from, "To", "+12015550188",
                "CallStatus", status, "Direction", "inbound", "ApiVersion", "2010-04-01");
    }

    static Request clio(String body) {
        return Request.of("POST", "/webhooks/clio", utf8(body), "Content-Type: application/json",
                "X-Hook-Signature: " + ClioFixtures.sign(body));
    }

    static Request clioBytes(byte[] body, String contentType) {
        return Request.of("POST", "/webhooks/clio", body, "Content-Type: " + contentType,
                "X-Hook-Signature: " + com.casewire.practice.clio.ClioWebhookVerifier.sign(body, ClioFixtures.WEBHOOK_SECRET));
    }

    static Request json(String path, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Content-Type: application/json"));
        all.addAll(List.of(headers));
        return new Request("POST", path, all, utf8(body), null, false);
    }

    static Request webForm(String body) {
        return json("/intake/web-form", body);
    }

    static Request api(String method, String target, String body) {
        List<String> headers = new ArrayList<>(List.of("Authorization: Bearer test-api-token"));
        if (body != null) {
            headers.add("Content-Type: application/json");
        }
        return new Request(method, target, headers, body == null ? null : utf8(body), null, false);
    }

    static Request get(String target, String... headers) {
        return new Request("GET", target, List.of(headers), null, null, false);
    }

    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static String nestedObject(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    static String approvalLink(long id, String action) {
        String link = new ApprovalLinks(PUBLIC_BASE, APPROVAL_SECRET).link(id, action, Instant.now().plus(Duration.ofDays(1)));
        return link.substring(PUBLIC_BASE.length());
    }

    // ---------------------------------------------------------------- expectations

    /** What a case must get, checked after the request (and after the inbox has settled). */
    interface Expect {
        void check(Response response, HostileInputTest test);

        default Expect and(Expect more) {
            return (r, t) -> {
                check(r, t);
                more.check(r, t);
            };
        }
    }

    static Expect status(int expected) {
        return (r, t) -> assertThat(r.status()).as("status; body: %s", r.body()).isEqualTo(expected);
    }

    static Expect oneOf(Integer... expected) {
        return (r, t) -> assertThat(r.status()).as("status; body: %s", r.body()).isIn((Object[]) expected);
    }

    static Expect bodyContains(String text) {
        return (r, t) -> assertThat(r.body()).contains(text);
    }

    static Expect securityEvent(String source, String kind) {
        return (r, t) -> assertThat(t.count("SELECT COUNT(*) FROM security_event WHERE source = '" + source
                + "' AND kind = '" + kind + "'")).as("security event %s/%s recorded", source, kind).isEqualTo(1);
    }

    static Expect nothingStored() {
        return (r, t) -> assertThat(t.count("SELECT COUNT(*) FROM inbox_event")).as("inbox rows").isZero();
    }

    /** Twilio's contract: 200 with TwiML; the text is on the communication log exactly as sent, never evaluated. */
    static Expect twimlAndKeptVerbatim(String sid, String text) {
        return status(200).and(bodyContains("<Response>")).and((r, t) -> {
            t.awaitInboxSettled();
            assertThat(t.jdbc.queryForList("SELECT body FROM communication_log WHERE vendor_message_id = :sid",
                    Map.of("sid", sid), String.class)).containsExactly(text);
        });
    }

    /** A withheld caller: the lead is there, with no number and flagged; nothing went to the caller. */
    static Expect withheldLead() {
        return (r, t) -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> t.count("SELECT COUNT(*) FROM intake_lead") == 1);
            Map<String, Object> lead = t.jdbc.queryForMap("SELECT * FROM intake_lead", Map.of());
            assertThat(lead.get("PHONE")).isNull();
            assertThat(lead.get("CALLER_WITHHELD")).isEqualTo(true);
        };
    }

    record Case(String name, Function<HostileInputTest, Request> request, Expect expect, boolean staffMayBeAlerted) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, Request request, Expect expect) {
        return new Case(name, t -> request, expect, false);
    }

    static Case c(String name, Function<HostileInputTest, Request> request, Expect expect) {
        return new Case(name, request, expect, false);
    }

    static Case withheld(String name, Request request, Expect expect) {
        return new Case(name, t -> request, expect, true);
    }

    // ---------------------------------------------------------------- the cases

    static Stream<Case> cases() {
        String smsPath = "/webhooks/twilio/sms";
        String voicePath = "/webhooks/twilio/voice-status";
        String statusPath = "/webhooks/twilio/message-status";
        String notANumber = "+15555550100"; // area code 555 does not exist: no lead, nobody texted
        List<Case> cases = new ArrayList<>();

        // Twilio inbound SMS: Twilio's contract is 200 TwiML for what the hub accepts; refusals are 4xx
        cases.add(c("twilio sms: Body=%ZZ broken percent-encoding -> 400 malformed_body + security event",
                twilioRaw(smsPath, "MessageSid=SMzz1&From=%2B12015550142&To=%2B15555550199&Body=%ZZ"),
                status(400).and(bodyContains("malformed_body")).and(securityEvent("twilio", "malformed_body")).and(nothingStored())));
        cases.add(c("twilio sms: body cut off after '%2' (truncated percent-encoding) -> 400",
                twilioRaw(smsPath, "MessageSid=SMzz2&From=%2B12015550142&Body=Hello%2"),
                status(400).and(bodyContains("malformed_body")).and(nothingStored())));
        cases.add(c("twilio sms: broken percent-encoding in a field name (Fr%om) -> 400",
                twilioRaw(smsPath, "MessageSid=SMzz3&Fr%om=%2B12015550142&Body=hi"), status(400).and(nothingStored())));
        cases.add(c("twilio sms: signed form fields sent as Content-Type application/json -> 415", Request.of("POST", smsPath,
                        utf8(form(sms("SMct1", notANumber, "hi"))), "Content-Type: application/json",
                        twilioSignature(smsPath, sms("SMct1", notANumber, "hi"))),
                status(415).and(securityEvent("twilio", "unsupported_media_type")).and(nothingStored())));
        cases.add(c("twilio sms: signed form fields without a Content-Type -> 415", Request.of("POST", smsPath,
                        utf8(form(sms("SMct2", notANumber, "hi"))), twilioSignature(smsPath, sms("SMct2", notANumber, "hi"))),
                status(415).and(nothingStored())));
        cases.add(c("twilio sms: Content-Type 'application/x-www-form-urlencoded;;;=' unparseable -> 415", Request.of("POST",
                        smsPath, utf8(form(sms("SMct3", notANumber, "hi"))), "Content-Type: application/x-www-form-urlencoded;;;=",
                        twilioSignature(smsPath, sms("SMct3", notANumber, "hi"))), status(415).and(nothingStored())));
        cases.add(c("twilio sms: JSON body {\"Body\":\"STOP\"} signed as JSON -> 415", Request.of("POST", smsPath,
                utf8("{\"MessageSid\":\"SMj\",\"From\":\"+12015550142\",\"Body\":\"STOP\"}"), "Content-Type: application/json",
                twilioSignature(smsPath, params())), status(415).and(nothingStored())));
        cases.add(c("twilio sms: empty body, signed -> 400 (MessageSid and From required)", twilio(smsPath, params()),
                status(400).and(nothingStored())));
        cases.add(c("twilio sms: no X-Twilio-Signature -> 403 + security event", Request.of("POST", smsPath,
                        utf8(form(sms("SMns", notANumber, "STOP"))), "Content-Type: application/x-www-form-urlencoded"),
                status(403).and(securityEvent("twilio", "missing_signature")).and(nothingStored())));
        cases.add(c("twilio sms: signature computed for /webhooks/twilio/voice-status replayed here -> 403", Request.of("POST",
                        smsPath, utf8(form(sms("SMrp", notANumber, "STOP"))), "Content-Type: application/x-www-form-urlencoded",
                        twilioSignature(voicePath, sms("SMrp", notANumber, "STOP"))),
                status(403).and(securityEvent("twilio", "invalid_signature")).and(nothingStored())));
        cases.add(c("twilio sms: 6 KB query string, unsigned -> 403 (the security event keeps a cut-down URL)",
                Request.of("POST", smsPath + "?q=" + "x".repeat(6000), utf8(form(sms("SMq", notANumber, "hi"))),
                        "Content-Type: application/x-www-form-urlencoded"),
                status(403).and(securityEvent("twilio", "missing_signature"))));
        cases.add(c("twilio sms: MessageSid of 10,000 characters, signed -> 400", twilio(smsPath, sms("SM" + "a".repeat(9998),
                notANumber, "hi")), status(400).and(nothingStored())));
        cases.add(c("twilio sms: MessageSid with SQL ('; DROP TABLE inbox_event;--), signed -> 400",
                twilio(smsPath, sms("SM1'; DROP TABLE inbox_event;--", notANumber, "hi")), status(400).and(nothingStored())));
        cases.add(c("twilio sms: Body with Camel simple ${sys.user.home} ${bean:inboundSms?method=handle}, signed -> 200 TwiML, kept verbatim",
                twilio(smsPath, sms("SMsimple1", notANumber, "${sys.user.home} ${bean:inboundSms?method=handle}")),
                twimlAndKeptVerbatim("SMsimple1", "${sys.user.home} ${bean:inboundSms?method=handle}")));
        cases.add(c("twilio sms: Body with template placeholders {{client.firstName}} {{booking.link}}, signed -> 200 TwiML, kept verbatim",
                twilio(smsPath, sms("SMtpl1", notANumber, "{{client.firstName}} {{booking.link}}")),
                twimlAndKeptVerbatim("SMtpl1", "{{client.firstName}} {{booking.link}}")));
        cases.add(c("twilio sms: Body with SQL '); DELETE FROM opt_out;--, signed -> 200 TwiML, kept verbatim",
                twilio(smsPath, sms("SMsql1", notANumber, "'); DELETE FROM opt_out;--")),
                twimlAndKeptVerbatim("SMsql1", "'); DELETE FROM opt_out;--")));
        cases.add(c("twilio sms: From with CR/LF and a Bcc header, signed -> 200 TwiML, no lead, nobody texted",
                twilio(smsPath, sms("SMcrlf1", "+12015550142\r\nBcc: victim@example.com", "hello")),
                twimlAndKeptVerbatim("SMcrlf1", "hello").and((r, t) ->
                        assertThat(t.count("SELECT COUNT(*) FROM intake_lead")).isZero())));
        withheldCases(cases, smsPath, voicePath);

        // Twilio voice status callbacks: 204 for what the hub accepts
        cases.add(c("twilio voice-status: CallSid=%ZZ broken percent-encoding -> 400",
                twilioRaw(voicePath, "CallSid=%ZZ&CallStatus=no-answer&From=%2B12015550142"),
                status(400).and(securityEvent("twilio", "malformed_body")).and(nothingStored())));
        cases.add(c("twilio voice-status: CallStatus missing, signed -> 400",
                twilio(voicePath, params("CallSid", "CAmiss", "From", "+12015550142")), status(400).and(nothingStored())));
        cases.add(c("twilio voice-status: CallStatus of 500 characters, signed -> 400",
                twilio(voicePath, call("CAlong", "no-answer".repeat(56), "+12015550142")), status(400).and(nothingStored())));
        cases.add(c("twilio voice-status: CallStatus '${sys.user.home}', signed -> 400",
                twilio(voicePath, call("CAexpr", "${sys.user.home}", "+12015550142")), status(400).and(nothingStored())));
        cases.add(c("twilio voice-status: From '${bean:intakeCapture}' (not a number), no-answer, signed -> 204, no lead",
                twilio(voicePath, call("CAbean", "no-answer", "${bean:intakeCapture}")), status(204).and((r, t) -> {
                    t.awaitInboxSettled();
                    assertThat(t.count("SELECT COUNT(*) FROM intake_lead")).isZero();
                })));

        // Twilio message status callbacks
        cases.add(c("twilio message-status: MessageStatus=%ZZ broken percent-encoding -> 400",
                twilioRaw(statusPath, "MessageSid=SMst1&MessageStatus=%ZZ"), status(400)));
        cases.add(c("twilio message-status: forged 21610 opt-out without a signature -> 403, nobody opted out",
                Request.of("POST", statusPath, utf8(form(params("MessageSid", "SMst2", "MessageStatus", "undelivered",
                        "ErrorCode", "21610", "To", CLIENT_PHONE))), "Content-Type: application/x-www-form-urlencoded"),
                status(403).and((r, t) -> assertThat(t.count("SELECT COUNT(*) FROM opt_out")).isZero())));
        cases.add(c("twilio message-status: MessageSid with SQL, signed -> 400",
                twilio(statusPath, params("MessageSid", "x' OR '1'='1", "MessageStatus", "delivered")), status(400)));

        // Clio: 2xx only for a verified, well-formed delivery
        cases.add(c("clio: malformed JSON '{\"data\":' (signed) -> 400 malformed_json", clio("{\"data\":"),
                status(400).and(bodyContains("malformed_json")).and(nothingStored())));
        cases.add(c("clio: JSON arrays nested 5,000 deep (signed) -> 400", clio(nested(5000)), status(400).and(nothingStored())));
        cases.add(c("clio: JSON objects nested 3,000 deep (signed) -> 400", clio(nestedObject(3000)),
                status(400).and(nothingStored())));
        cases.add(c("clio: 100 KB body, over hub.webhooks.max-body-bytes (signed) -> 413",
                clio("{\"data\":{\"id\":1,\"x\":\"" + "a".repeat(100_000) + "\"},\"meta\":{\"event\":\"updated\"}}"),
                status(413).and(nothingStored())));
        cases.add(c("clio: lying Content-Length (declares 5,000 bytes, sends 40, closes) -> 400",
                clio(ClioFixtures.thinDelivery(1001, "\"e1\"", "updated").substring(0, 40)).lyingLength(5000),
                status(400).and(nothingStored())));
        cases.add(c("clio: Content-Length 10,000,000 with a small body -> 413", clio("{}").lyingLength(10_000_000),
                status(413).and(nothingStored())));
        cases.add(c("clio: signed form-encoded body with Content-Type application/x-www-form-urlencoded -> 400",
                clioBytes(utf8("data%5Bid%5D=1001&meta%5Bevent%5D=updated"), "application/x-www-form-urlencoded"),
                status(400).and(nothingStored())));
        cases.add(c("clio: invalid UTF-8 bytes inside a JSON string (signed) -> 400",
                clioBytes(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, "application/json"),
                status(400).and(nothingStored())));
        cases.add(c("clio: data.id ${sys.user.home} and meta.event {{client.firstName}} without a signature -> 401",
                Request.of("POST", "/webhooks/clio", utf8("{\"data\":{\"id\":\"${sys.user.home}\"},\"meta\":{\"event\":\"{{client.firstName}}\"}}"),
                        "Content-Type: application/json"),
                status(401).and(securityEvent("clio", "missing_signature")).and(nothingStored())));
        cases.add(c("clio: handshake X-Hook-Secret with malformed JSON -> 400", Request.of("POST", "/webhooks/clio",
                utf8("{\"data\":{\"webhook_id\":"), "Content-Type: application/json", "X-Hook-Secret: s3cr3t"), status(400)));
        cases.add(c("clio: handshake with webhook_id \"1; DROP TABLE clio_webhook\" -> 400", Request.of("POST", "/webhooks/clio",
                        utf8("{\"data\":{\"webhook_id\":\"1; DROP TABLE clio_webhook\"}}"), "Content-Type: application/json",
                        "X-Hook-Secret: s3cr3t"),
                status(400).and((r, t) -> assertThat(t.count("SELECT COUNT(*) FROM clio_webhook")).isZero())));
        cases.add(c("clio: 20 KB X-Hook-Signature header -> 400 from the server's header limit",
                Request.of("POST", "/webhooks/clio", utf8("{}"), "Content-Type: application/json",
                        "X-Hook-Signature: " + "a".repeat(20_000)), status(400).and(nothingStored())));

        // LawPay: no signature; the id is only a hint, validated before it is stored
        cases.add(c("lawpay: malformed JSON -> 400", json("/webhooks/lawpay", "{\"id\":"), status(400).and(nothingStored())));
        cases.add(c("lawpay: JSON array instead of an event object -> 400", json("/webhooks/lawpay", "[{\"id\":\"evt_1\"}]"),
                status(400).and(nothingStored())));
        cases.add(c("lawpay: id with CR/LF and a forged log line -> 400", json("/webhooks/lawpay",
                "{\"id\":\"evt_1\\r\\n2026-01-01 INFO forged\"}"), status(400).and(nothingStored())));
        cases.add(c("lawpay: id of 10,000 characters -> 400", json("/webhooks/lawpay", "{\"id\":\"" + "e".repeat(10_000) + "\"}"),
                status(400).and(nothingStored())));
        cases.add(c("lawpay: JSON nested 5,000 deep -> 400", json("/webhooks/lawpay", nested(5000)),
                status(400).and(nothingStored())));

        // MyCase: on a Clio hub the endpoint does not exist
        cases.add(c("mycase: delivery to a hub whose practice system is Clio -> 404 not_configured",
                json("/webhooks/mycase", "{\"id\":\"${sys.user.home}\"}"), status(404).and(bodyContains("not_configured"))));
        cases.add(c("mycase: 100 KB body on a Clio hub -> 404", json("/webhooks/mycase", "x".repeat(100_000)), status(404)));

        // Google Calendar push: headers only, token must match a channel the hub made
        cases.add(c("google-calendar: no X-Goog-Channel-ID / -Token -> 401 + security event",
                json("/webhooks/google-calendar", "", "X-Goog-Resource-State: exists"),
                status(401).and(securityEvent("google-calendar", "missing_token"))));
        cases.add(c("google-calendar: unknown channel with a SQL token (' OR '1'='1) -> 403",
                json("/webhooks/google-calendar", "", "X-Goog-Channel-ID: ch-1", "X-Goog-Channel-Token: ' OR '1'='1",
                        "X-Goog-Resource-State: exists"), status(403).and(securityEvent("google-calendar", "unknown_channel"))));
        cases.add(c("google-calendar: X-Goog-Channel-ID of 4,000 characters -> 403",
                json("/webhooks/google-calendar", "", "X-Goog-Channel-ID: " + "c".repeat(4000), "X-Goog-Channel-Token: t",
                        "X-Goog-Resource-State: exists"), status(403)));
        cases.add(c("google-calendar: 100 KB body -> 413", json("/webhooks/google-calendar", "x".repeat(100_000),
                "X-Goog-Channel-ID: ch-1", "X-Goog-Channel-Token: t"), status(413)));

        // The web form: 202 only for a valid form; it is stored and acknowledged, so everything here must be refused
        cases.add(c("web form: malformed JSON -> 400", webForm("{\"name\":"), status(400).and(nothingStored())));
        cases.add(c("web form: JSON nested 5,000 deep -> 400", webForm(nestedObject(5000)), status(400).and(nothingStored())));
        cases.add(c("web form: a JSON string instead of an object -> 400", webForm("\"Jane Doe\""), status(400).and(nothingStored())));
        cases.add(c("web form: valid fields sent as text/plain (a cross-site post without preflight) -> 415",
                Request.of("POST", "/intake/web-form", utf8("{\"name\":\"Jane Doe\",\"email\":\"jane@example.com\"}"),
                        "Content-Type: text/plain"),
                status(415).and(securityEvent("intake", "web_form_media_type")).and(nothingStored())));
        cases.add(c("web form: name with CR/LF and a Bcc header -> 400", webForm(
                        "{\"name\":\"Jane\\r\\nBcc: victim@example.com\",\"email\":\"jane@example.com\"}"),
                status(400).and(bodyContains("control characters")).and(nothingStored())));
        cases.add(c("web form: email with CR/LF and a Bcc header -> 400", webForm(
                        "{\"name\":\"Jane Doe\",\"email\":\"jane@example.com\\r\\nBcc: victim@example.com\"}"),
                status(400).and(nothingStored())));
        cases.add(c("web form: name {{client.firstName}} template placeholder -> 400", webForm(
                        "{\"name\":\"{{client.firstName}}\",\"email\":\"jane@example.com\"}"),
                status(400).and(bodyContains("template")).and(nothingStored())));
        cases.add(c("web form: matterType ${sys.user.home} Camel simple expression -> 400", webForm(
                        "{\"name\":\"Jane Doe\",\"email\":\"jane@example.com\",\"matterType\":\"${sys.user.home}\"}"),
                status(400).and(nothingStored())));
        cases.add(c("web form: adverseParty ${bean:intakeCapture?method=capture} -> 400", webForm(
                        "{\"name\":\"Jane Doe\",\"email\":\"jane@example.com\",\"adverseParty\":\"${bean:intakeCapture?method=capture}\"}"),
                status(400).and(nothingStored())));
        cases.add(c("web form: phone with SQL (201-555-0100'; DROP TABLE intake_lead;--) -> 400", webForm(
                        "{\"name\":\"Jane Doe\",\"phone\":\"201-555-0100'; DROP TABLE intake_lead;--\"}"),
                status(400).and(bodyContains("phone")).and(nothingStored())));
        cases.add(c("web form: premium-rate phone +1 900 234 5678 -> 400 naming premium rate", webForm(
                        "{\"name\":\"Jane Doe\",\"phone\":\"+1 900 234 5678\"}"),
                status(400).and(bodyContains("premium-rate")).and(nothingStored())));
        cases.add(c("web form: withheld caller placeholder +266696687 as phone -> 400", webForm(
                        "{\"name\":\"Jane Doe\",\"phone\":\"+266696687\"}"),
                status(400).and(bodyContains("withheld")).and(nothingStored())));
        cases.add(c("web form: name is an array, not text -> 400", webForm("{\"name\":[\"Jane\"],\"email\":\"jane@example.com\"}"),
                status(400).and(bodyContains("must be text")).and(nothingStored())));
        cases.add(c("web form: 100 KB summary, over the body limit -> 413", webForm(
                        "{\"name\":\"Jane Doe\",\"email\":\"jane@example.com\",\"summary\":\"" + "s".repeat(100_000) + "\"}"),
                status(413).and(nothingStored())));
        cases.add(c("web form: lying Content-Length (declares 2,000 bytes, sends 30, closes) -> 400",
                webForm("{\"name\":\"Jane Doe\",\"email\":\"ja").lyingLength(2000), status(400).and(nothingStored())));

        // The booking page: the signed token is the credential
        cases.add(c("booking: GET with a token whose signature was altered -> 403", t -> get("/intake/book/"
                + tamper(t.bookingLinks.token(1, Instant.now().plus(Duration.ofDays(1))))), status(403)
                .and(securityEvent("intake", "invalid_booking_link"))));
        cases.add(c("booking: GET with a 4,000-character token -> 403", get("/intake/book/" + "A".repeat(4000)), status(403)));
        cases.add(c("booking: GET with a percent-encoded ../ in the token -> 4xx", get("/intake/book/..%2F..%2Fapi%2Foutbox"),
                oneOf(400, 403, 404)));
        cases.add(c("booking: POST start=%ZZ with an altered token -> 403", t -> Request.of("POST", "/intake/book/"
                        + tamper(t.bookingLinks.token(1, Instant.now().plus(Duration.ofDays(1)))), utf8("start=%ZZ"),
                "Content-Type: application/x-www-form-urlencoded"), status(403)));
        cases.add(c("booking: POST start=${sys.user.home} with a valid token for a lead that does not exist -> 410",
                t -> Request.of("POST", "/intake/book/" + t.bookingLinks.token(987_654, Instant.now().plus(Duration.ofDays(1))),
                        utf8("start=%24%7Bsys.user.home%7D"), "Content-Type: application/x-www-form-urlencoded"), status(410)));

        // Approval links: signed per approval and action
        cases.add(c("approval link: GET approve with a forged sig -> 403 + security event",
                get("/approvals/1/approve?exp=" + Instant.now().plus(Duration.ofDays(1)).getEpochSecond() + "&sig=forged"),
                status(403).and(securityEvent("approval-link", "invalid_signature"))));
        cases.add(c("approval link: POST edit with text ${sys.user.home} and a forged sig -> 403", Request.of("POST",
                        "/approvals/1/edit?exp=" + Instant.now().plus(Duration.ofDays(1)).getEpochSecond() + "&sig=forged",
                        utf8("text=%24%7Bsys.user.home%7D"), "Content-Type: application/x-www-form-urlencoded"),
                status(403)));
        cases.add(c("approval link: id '1 OR 1=1' -> 400", get("/approvals/1%20OR%201=1/approve?exp=1&sig=x"), status(400)));
        cases.add(c("approval link: exp 'tomorrow' -> 400", get("/approvals/1/approve?exp=tomorrow&sig=x"), status(400)));
        cases.add(c("approval link: correctly signed link for an approval that does not exist -> 409",
                get(approvalLink(424242, "approve")), status(409)));

        // The staff API
        cases.add(c("api: GET /api/outbox/dead-letters without a token -> 401", get("/api/outbox/dead-letters"), status(401)));
        cases.add(c("api: /api;x=1/outbox/dead-letters (path parameter) without a token -> 401",
                get("/api;x=1/outbox/dead-letters"), status(401)));
        cases.add(c("api: /actuator/..;/api/outbox/dead-letters (dot segment) without a token -> 4xx, no data",
                get("/actuator/..;/api/outbox/dead-letters"), oneOf(400, 401, 404)));
        cases.add(c("api: //api/outbox/dead-letters (double slash) without a token -> 4xx, no data",
                get("//api/outbox/dead-letters"), oneOf(400, 401, 404)));
        cases.add(c("api: Authorization header of 20 KB -> 400 from the server's header limit",
                get("/api/outbox/dead-letters", "Authorization: Bearer " + "t".repeat(20_000)), status(400)));
        cases.add(c("api: GET /api/intake/leads/1 OR 1=1 -> 400", api("GET", "/api/intake/leads/1%20OR%201=1", null), status(400)));
        cases.add(c("api: GET /api/intake/leads?state=' OR '1'='1 -> 400 unknown_state",
                api("GET", "/api/intake/leads?state=%27%20OR%20%271%27=%271", null),
                status(400).and(bodyContains("unknown_state"))));
        cases.add(c("api: PUT /api/channel-preferences malformed JSON -> 400", api("PUT", "/api/channel-preferences",
                "{\"phone\":"), status(400)));
        cases.add(c("api: PUT /api/channel-preferences JSON nested 5,000 deep -> 400", api("PUT", "/api/channel-preferences",
                nestedObject(5000)), status(400)));
        cases.add(c("api: PUT /api/channel-preferences phone ' OR 1=1 -> 400 missing_subject", api("PUT",
                        "/api/channel-preferences", "{\"phone\":\"' OR 1=1\",\"channel\":\"sms\"}"),
                status(400).and((r, t) -> assertThat(t.count("SELECT COUNT(*) FROM channel_preference")).isZero())));
        cases.add(c("api: PUT /api/channel-preferences channel ${sys.user.home} -> 400 unknown_channel", api("PUT",
                "/api/channel-preferences", "{\"contactId\":\"501\",\"channel\":\"${sys.user.home}\"}"), status(400)));
        cases.add(c("api: POST /api/approvals/abc/approve -> 400", api("POST", "/api/approvals/abc/approve", null), status(400)));

        // Actuator: health and info are open; everything else needs the operator token (and env, heapdump are not
        // exposed at all)
        cases.add(c("actuator: GET /actuator/env without the operator token -> 401", get("/actuator/env"), status(401)));
        cases.add(c("actuator: GET /actuator/heapdump without the operator token -> 401", get("/actuator/heapdump"), status(401)));
        cases.add(c("actuator: POST /actuator/jolokia without the operator token -> 401", json("/actuator/jolokia",
                "{\"type\":\"exec\",\"mbean\":\"com.casewire:type=Hub,name=operations\",\"operation\":\"replayAllDeadLetters\"}"),
                status(401)));
        cases.add(c("actuator: GET /actuator/prometheus without the operator token -> 401", get("/actuator/prometheus"), status(401)));
        cases.add(c("actuator: GET /actuator/health/..;/jolokia -> 4xx", get("/actuator/health/..;/jolokia"), oneOf(400, 401, 404)));
        cases.add(c("actuator: GET /actuator;x=1/jolokia -> 4xx", get("/actuator;x=1/jolokia"), oneOf(400, 401, 404)));
        cases.add(c("actuator: POST /actuator/health -> 405", json("/actuator/health", "{}"), status(405)));
        cases.add(c("actuator: GET /actuator/health/..;/env -> 4xx", get("/actuator/health/..;/env"), oneOf(400, 401, 404)));
        return cases.stream();
    }

    /** The six withheld caller IDs Twilio uses, on a missed call and as an SMS sender. */
    private static void withheldCases(List<Case> cases, String smsPath, String voicePath) {
        Map<String, String> spelled = new LinkedHashMap<>();
        spelled.put("+266696687", "ANONYMOUS");
        spelled.put("+7378742833", "RESTRICTED");
        spelled.put("+2562533", "BLOCKED");
        spelled.put("+8656696", "UNKNOWN");
        spelled.put("+86282452253", "UNAVAILABLE");
        spelled.put("anonymous", "the word");
        int n = 0;
        for (Map.Entry<String, String> e : spelled.entrySet()) {
            n++;
            cases.add(withheld("twilio voice-status: missed call from withheld caller ID " + e.getKey() + " (" + e.getValue()
                            + "), signed -> 204, a lead with no number, caller never texted",
                    twilio(voicePath, call("CAwh" + n, "no-answer", e.getKey())), status(204).and(withheldLead())));
        }
        cases.add(withheld("twilio sms: text from withheld sender +266696687, signed -> 200 TwiML, a lead with no number, never texted",
                twilio(smsPath, sms("SMwh1", "+266696687", "Please call me back")), status(200).and(withheldLead())));
    }

    static String tamper(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    // ---------------------------------------------------------------- the tests

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileRequestIsRefusedWithoutA5xxAndReachesNoVendor(Case hostile) throws Exception {
        Response response = send(hostile.request().apply(this));

        assertThat(response.status()).as("a status line came back: %s", response.head()).isPositive();
        assertThat(response.status()).as("never a 5xx; body: %s", response.body()).isLessThan(500);
        hostile.expect().check(response, this);
        awaitInboxSettled();
        Thread.sleep(200);
        List<String> texted = smsRequests().stream().map(r -> r.formParameters().get("To").firstValue()).toList();
        List<String> mailed = Arrays.stream(mail.getReceivedMessages()).map(HostileInputTest::recipient).toList();
        if (hostile.staffMayBeAlerted()) {
            assertThat(texted).as("texts: to staff only").isSubsetOf(STAFF);
            assertThat(mailed).as("emails: to staff only").isSubsetOf(STAFF);
        } else {
            assertThat(texted).as("texts sent").isEmpty();
            assertThat(mailed).as("emails sent").isEmpty();
        }
        assertThat(noteRequests()).as("Clio notes written").isEmpty();
    }

    @Order(2)
    @Test
    void theHubIsHealthyAfterTheSuite() throws Exception {
        Response health = send(get("/actuator/health"));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(cases().count()).as("cases in the suite").isGreaterThanOrEqualTo(50);
    }

    private static String recipient(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
