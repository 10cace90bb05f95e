package com.casewire.sandbox;

import com.casewire.config.HubProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio Messages simulator: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form encoded,
 * HTTP Basic; 201 with the Message resource; errors as {"code","message","more_info","status"}
 * (20003 authentication, 21211 invalid To, 21602 missing Body).
 */
@RestController
@Profile("sandbox")
class SandboxTwilioController {

    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final SandboxState state;
    private final String expectedAuth;

    SandboxTwilioController(SandboxState state, HubProperties hub) {
        this.state = state;
        this.expectedAuth = "Basic " + Base64.getEncoder().encodeToString(
                (hub.twilio().accountSid() + ":" + hub.twilio().authToken()).getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping(path = "/sandbox/twilio/2010-04-01/Accounts/{sid}/Messages.json",
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, Object>> send(@PathVariable String sid,
                                             @RequestHeader(value = "Authorization", required = false) String auth,
                                             @RequestParam MultiValueMap<String, String> form) {
        if (!expectedAuth.equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, 20003, "Authenticate");
        }
        String to = form.getFirst("To");
        if (to == null || !to.matches("\\+[1-9]\\d{6,14}")) {
            return error(HttpStatus.BAD_REQUEST, 21211, "The 'To' number " + to + " is not a valid phone number.");
        }
        String body = form.getFirst("Body");
        if (body == null || body.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, 21602, "Message body is required.");
        }
        String messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        state.messages.add(new SandboxState.Sms(messageSid, to, form.getFirst("From"), body, now));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("sid", messageSid);
        message.put("account_sid", sid);
        message.put("from", form.getFirst("From"));
        message.put("to", to);
        message.put("body", body);
        message.put("status", "queued");
        message.put("direction", "outbound-api");
        message.put("num_segments", String.valueOf(1 + body.length() / 160));
        message.put("error_code", null);
        message.put("error_message", null);
        message.put("date_created", RFC_2822.format(now.atOffset(ZoneOffset.UTC)));
        message.put("api_version", "2010-04-01");
        message.put("uri", "/2010-04-01/Accounts/" + sid + "/Messages/" + messageSid + ".json");
        return ResponseEntity.status(HttpStatus.CREATED).body(message);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status.value());
        return ResponseEntity.status(status).body(body);
    }
}
