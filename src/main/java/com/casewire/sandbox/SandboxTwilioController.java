package com.casewire.sandbox;

import com.casewire.twilio.TwilioProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio Messages simulator: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form encoded,
 * HTTP Basic; 201 with the Message resource; errors as {"code","message","more_info","status"}
 * (20003 authentication, 21211 invalid To, 21602 missing Body). {@code GET} on the same path lists the messages,
 * filtered by {@code To} and {@code From}, newest first, paged by {@code PageSize} and {@code Page}: the hub reads it
 * to settle a send whose outcome a restart hid.
 */
@RestController
@Profile("sandbox")
class SandboxTwilioController {

    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final SandboxState state;
    private final String expectedAuth;

    SandboxTwilioController(SandboxState state, TwilioProperties twilio) {
        this.state = state;
        this.expectedAuth = "Basic " + Base64.getEncoder().encodeToString(
                (twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8));
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
        SandboxState.Sms sms = new SandboxState.Sms(messageSid, to, form.getFirst("From"), body, now);
        state.messages.add(sms);
        return ResponseEntity.status(HttpStatus.CREATED).body(resource(sid, sms));
    }

    /** The Message resource as Twilio returns it (create and list alike). */
    private static Map<String, Object> resource(String accountSid, SandboxState.Sms sms) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("sid", sms.sid());
        message.put("account_sid", accountSid);
        message.put("from", sms.from());
        message.put("to", sms.to());
        message.put("body", sms.body());
        message.put("status", "queued");
        message.put("direction", "outbound-api");
        message.put("num_segments", String.valueOf(1 + sms.body().length() / 160));
        message.put("error_code", null);
        message.put("error_message", null);
        message.put("date_created", RFC_2822.format(sms.at().atOffset(ZoneOffset.UTC)));
        message.put("date_sent", null);
        message.put("api_version", "2010-04-01");
        message.put("uri", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sms.sid() + ".json");
        return message;
    }

    @GetMapping(path = "/sandbox/twilio/2010-04-01/Accounts/{sid}/Messages.json")
    ResponseEntity<Map<String, Object>> list(@PathVariable String sid,
                                             @RequestHeader(value = "Authorization", required = false) String auth,
                                             @RequestParam(name = "To", required = false) String to,
                                             @RequestParam(name = "From", required = false) String from,
                                             @RequestParam(name = "PageSize", defaultValue = "50") int pageSize,
                                             @RequestParam(name = "Page", defaultValue = "0") int page) {
        if (!expectedAuth.equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, 20003, "Authenticate");
        }
        List<SandboxState.Sms> matching = new ArrayList<>();
        for (SandboxState.Sms sms : state.messages) {
            if ((to == null || to.equals(sms.to())) && (from == null || from.equals(sms.from()))) {
                matching.add(0, sms); // newest first
            }
        }
        int size = Math.max(1, Math.min(pageSize, 1000));
        int start = Math.min(Math.max(0, page) * size, matching.size());
        int end = Math.min(start + size, matching.size());
        String base = "/2010-04-01/Accounts/" + sid + "/Messages.json?PageSize=" + size
                + (to == null ? "" : "&To=" + URLEncoder.encode(to, StandardCharsets.UTF_8))
                + (from == null ? "" : "&From=" + URLEncoder.encode(from, StandardCharsets.UTF_8));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", matching.subList(start, end).stream().map(sms -> resource(sid, sms)).toList());
        body.put("page", page);
        body.put("page_size", size);
        body.put("first_page_uri", base + "&Page=0");
        body.put("next_page_uri", end < matching.size() ? base + "&Page=" + (page + 1) : null);
        body.put("previous_page_uri", page > 0 ? base + "&Page=" + (page - 1) : null);
        body.put("uri", base + "&Page=" + page);
        return ResponseEntity.ok(body);
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
