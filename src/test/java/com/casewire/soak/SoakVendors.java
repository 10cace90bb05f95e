package com.casewire.soak;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Local vendors for the soak, following the contracts in shared/vendor-apis.md: Twilio's Messages resource
 * (create, form encoded, HTTP Basic; list by To/From, newest first, paged with next_page_uri; errors as
 * {"code","message","more_info","status"}), Clio's matter read, note create and note list (Bearer; {"data":...};
 * errors as {"error":{"type","message"}}), and an SMTP server (GreenMail) behind a proxy that can drop or stall
 * connections. Each vendor can be made to misbehave ({@link Chaos}); each can trip a {@link Tripwire} when a
 * call arrives, so that the hub is killed exactly then.
 */
final class SoakVendors implements Closeable {

    static final String TWILIO_SID = "AC0000000000000000000000000000soak";
    static final String TWILIO_TOKEN = "soak-twilio-token";
    static final String CLIO_TOKEN = "soak-clio-token";
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final String MESSAGES = "/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json";

    /** How a vendor answers while chaos is on: each call draws one of these, or is served normally. */
    enum Fault { SERVER_ERROR, RATE_LIMITED, RESET_BEFORE, RESET_AFTER, STALL }

    /** A vendor's misbehaviour: off, or each call failing with the given probability, drawing a fault at random. */
    static final class Chaos {
        private volatile double failureRate;
        private volatile boolean stallsOnly;
        final Map<Fault, AtomicLong> served = new ConcurrentHashMap<>();

        void on(double rate) {
            failureRate = rate;
        }

        void stalls(boolean only) {
            stallsOnly = only;
        }

        void off() {
            failureRate = 0;
        }

        /** The fault for this call, or null to serve it normally. */
        Fault draw() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (failureRate <= 0 || random.nextDouble() >= failureRate) {
                return null;
            }
            Fault fault = stallsOnly ? Fault.STALL : Fault.values()[random.nextInt(Fault.values().length)];
            served.computeIfAbsent(fault, f -> new AtomicLong()).incrementAndGet();
            return fault;
        }
    }

    /** Fires once, on the next call of its kind, before that call is answered (or after the vendor acted on it). */
    static final class Tripwire {
        private volatile String armedFor;
        private volatile Runnable action;

        void arm(String kind, Runnable onTrip) {
            action = onTrip;
            armedFor = kind;
        }

        boolean armed() {
            return armedFor != null;
        }

        void disarm() {
            armedFor = null;
        }

        void trip(String kind) {
            if (kind.equals(armedFor)) {
                synchronized (this) {
                    if (kind.equals(armedFor)) {
                        armedFor = null;
                        action.run();
                    }
                }
            }
        }
    }

    record Sms(String sid, String to, String from, String body, Instant created) {
    }

    final Chaos twilioChaos = new Chaos();
    final Chaos clioChaos = new Chaos();
    final Chaos smtpChaos = new Chaos();
    final Tripwire tripwire = new Tripwire();

    /** Messages Twilio created, oldest first (a reset or stall after creation still creates one). */
    final List<Sms> messages = new CopyOnWriteArrayList<>();
    final Map<String, List<Instant>> notesByMatter = new ConcurrentHashMap<>();
    /** When each authorised Clio call arrived (its rate budget is the firm's token's, whichever hub calls). */
    final List<Instant> clioCalls = new CopyOnWriteArrayList<>();
    private final Map<Long, String> phones = new ConcurrentHashMap<>();
    private final Map<Long, String> emails = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> notes = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(70_000);
    private final HttpServer http;
    private final GreenMail mail;
    private final FaultyProxy smtpProxy;
    private final String authorization = "Basic " + Base64.getEncoder()
            .encodeToString((TWILIO_SID + ":" + TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8));

    SoakVendors() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        http.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "soak-vendor");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/", this::handle);
        http.start();
        int smtpPort;
        try (ServerSocket free = new ServerSocket(0)) {
            smtpPort = free.getLocalPort();
        }
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        smtpProxy = new FaultyProxy(smtpPort, smtpChaos);
    }

    int httpPort() {
        return http.getAddress().getPort();
    }

    int smtpPort() {
        return smtpProxy.port();
    }

    /** The matter the hub will fetch for a delivery: its client has this phone (or none) and email. */
    void matter(long matterId, String phone, String email) {
        if (phone != null) {
            phones.put(matterId, phone);
        }
        emails.put(matterId, email);
    }

    /** Emails received, as recipient → distinct Message-IDs (the same Message-ID twice is one message to a reader). */
    Map<String, List<String>> emailsByRecipient() {
        Map<String, List<String>> by = new HashMap<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                for (var to : m.getRecipients(Message.RecipientType.TO)) {
                    List<String> ids = by.computeIfAbsent(to.toString(), k -> new ArrayList<>());
                    if (!ids.contains(m.getMessageID())) {
                        ids.add(m.getMessageID());
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return by;
    }

    long emailsReceived() {
        return mail.getReceivedMessages().length;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals(MESSAGES)) {
                twilio(exchange, method, body);
            } else if (path.startsWith("/api/v4/")) {
                clio(exchange, method, path.substring("/api/v4".length()), body);
            } else {
                send(exchange, 404, "{\"error\":{\"type\":\"RecordNotFound\",\"message\":\"no such path\"}}");
            }
        } catch (RuntimeException e) {
            System.err.println("soak vendor stub failed: " + e);
        }
    }

    private void twilio(HttpExchange exchange, String method, byte[] body) throws IOException {
        if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, twilioError(20003, "Authenticate", 401));
            return;
        }
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (method.equals("GET")) {
            Fault fault = twilioChaos.draw();
            if (fault != null && fault != Fault.RESET_AFTER && faultBefore(exchange, fault)) {
                return;
            }
            listMessages(exchange, query);
            return;
        }
        Map<String, String> params = form(new String(body, StandardCharsets.UTF_8));
        String to = params.get("To");
        if (to == null || !to.matches("\\+[1-9]\\d{6,14}")) {
            send(exchange, 400, twilioError(21211, "The 'To' number " + to + " is not a valid phone number.", 400));
            return;
        }
        Fault fault = twilioChaos.draw();
        if (fault != null && fault != Fault.RESET_AFTER && fault != Fault.STALL && faultBefore(exchange, fault)) {
            return;
        }
        Sms sms = new Sms("SM" + Long.toHexString(ids.incrementAndGet()) + "0000000000000000000000", to,
                params.get("From"), params.get("Body"), Instant.now());
        messages.add(sms);
        tripwire.trip("twilio-post"); // the message exists at Twilio; the hub dies before it hears so
        if (fault == Fault.RESET_AFTER) {
            return; // closed without an answer: the hub cannot know the message was created
        }
        if (fault == Fault.STALL) {
            sleep(20_000);
        }
        send(exchange, 201, messageJson(sms));
    }

    private void listMessages(HttpExchange exchange, Map<String, String> query) throws IOException {
        String to = query.get("To");
        String from = query.get("From");
        int pageSize = Integer.parseInt(query.getOrDefault("PageSize", "50"));
        int page = Integer.parseInt(query.getOrDefault("Page", "0"));
        List<Sms> matching = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0; i--) { // newest first
            Sms m = messages.get(i);
            if ((to == null || to.equals(m.to())) && (from == null || from.equals(m.from()))) {
                matching.add(m);
            }
        }
        int start = Math.min(page * pageSize, matching.size());
        int end = Math.min(start + pageSize, matching.size());
        StringBuilder json = new StringBuilder("{\"messages\":[");
        for (int i = start; i < end; i++) {
            json.append(i > start ? "," : "").append(messageJson(matching.get(i)));
        }
        String base = MESSAGES + "?To=" + enc(to) + "&From=" + enc(from) + "&PageSize=" + pageSize;
        json.append("],\"page\":").append(page).append(",\"page_size\":").append(pageSize)
                .append(",\"first_page_uri\":\"").append(base).append("&Page=0\"")
                .append(",\"next_page_uri\":").append(end < matching.size() ? "\"" + base + "&Page=" + (page + 1) + "\"" : "null")
                .append(",\"previous_page_uri\":null,\"start\":").append(start).append(",\"end\":").append(Math.max(start, end - 1))
                .append(",\"uri\":\"").append(base).append("&Page=").append(page).append("\"}");
        send(exchange, 200, json.toString());
    }

    private void clio(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        if (!("Bearer " + CLIO_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, clioError("Unauthorized", "invalid access token"));
            return;
        }
        clioCalls.add(Instant.now());
        Fault fault = clioChaos.draw();
        boolean write = method.equals("POST");
        if (fault != null && (fault != Fault.RESET_AFTER || !write) && (fault != Fault.STALL || !write)
                && faultBefore(exchange, fault)) {
            return;
        }
        if (method.equals("GET") && path.matches("/matters/\\d+\\.json")) {
            tripwire.trip("clio-get");
            long id = Long.parseLong(path.replaceAll("\\D", ""));
            String email = emails.get(id);
            if (email == null) {
                send(exchange, 404, clioError("RecordNotFound", "Matter " + id + " not found"));
                return;
            }
            send(exchange, 200, matterJson(id, phones.get(id), email));
        } else if (write && path.equals("/notes.json")) {
            String text = new String(body, StandardCharsets.UTF_8);
            String matter = text.replaceAll("(?s).*\"matter\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"?(\\d+).*", "$1");
            long id = ids.incrementAndGet();
            Instant now = Instant.now();
            notesByMatter.computeIfAbsent(matter, k -> new CopyOnWriteArrayList<>()).add(now);
            notes.add(Map.of("id", id, "matter", matter, "json", text, "created", now));
            if (fault == Fault.RESET_AFTER) {
                return;
            }
            if (fault == Fault.STALL) {
                sleep(20_000);
            }
            send(exchange, 201, "{\"data\":{\"id\":" + id + ",\"etag\":\"\\\"n" + id + "\\\"\"}}");
        } else if (method.equals("GET") && path.equals("/notes.json")) {
            listNotes(exchange, form(exchange.getRequestURI().getRawQuery()));
        } else {
            send(exchange, 404, clioError("RecordNotFound", "no stub for " + method + " " + path));
        }
    }

    /** GET /notes.json?matter_id=&created_since=: the matter's notes, subject and detail as created, one page. */
    private void listNotes(HttpExchange exchange, Map<String, String> query) throws IOException {
        String matter = query.get("matter_id");
        Instant since = query.containsKey("created_since") ? java.time.OffsetDateTime.parse(query.get("created_since")).toInstant()
                : Instant.EPOCH;
        StringBuilder json = new StringBuilder("{\"data\":[");
        boolean first = true;
        for (Map<String, Object> note : notes) {
            if ((matter == null || matter.equals(note.get("matter"))) && !((Instant) note.get("created")).isBefore(since)) {
                String created = note.get("json").toString();
                String data = created.substring(created.indexOf("{", created.indexOf("\"data\"")) + 1);
                json.append(first ? "" : ",").append("{\"id\":").append(note.get("id")).append(",\"created_at\":\"")
                        .append(note.get("created")).append("\",").append(data, 0, data.lastIndexOf('}'));
                first = false;
            }
        }
        send(exchange, 200, json.append("],\"meta\":{\"paging\":{}}}").toString());
    }

    /** Serves a fault that happens before the vendor acts; true when the call has been answered (or dropped). */
    private boolean faultBefore(HttpExchange exchange, Fault fault) throws IOException {
        switch (fault) {
            case SERVER_ERROR -> send(exchange, 503, exchange.getRequestURI().getPath().startsWith("/api/v4")
                    ? clioError("ServiceUnavailable", "temporarily unavailable")
                    : twilioError(20500, "Service unavailable", 503));
            case RATE_LIMITED -> {
                exchange.getResponseHeaders().add("Retry-After", "2");
                send(exchange, 429, exchange.getRequestURI().getPath().startsWith("/api/v4")
                        ? clioError("RateLimited", "Rate limit exceeded") : twilioError(20429, "Too Many Requests", 429));
            }
            case RESET_BEFORE, RESET_AFTER -> {
                // closed without an answer, and nothing done
            }
            case STALL -> {
                sleep(20_000);
                send(exchange, 503, "{}");
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static String messageJson(Sms m) {
        return "{\"sid\":\"%s\",\"account_sid\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"body\":%s,\"status\":\"queued\","
                .formatted(m.sid(), TWILIO_SID, m.from(), m.to(), quote(m.body()))
                + "\"direction\":\"outbound-api\",\"num_segments\":\"1\",\"error_code\":null,\"error_message\":null,"
                + "\"date_created\":\"" + RFC_2822.format(m.created().atOffset(ZoneOffset.UTC)) + "\",\"date_sent\":null,"
                + "\"api_version\":\"2010-04-01\",\"uri\":\"/2010-04-01/Accounts/" + TWILIO_SID + "/Messages/" + m.sid() + ".json\"}";
    }

    private static String matterJson(long id, String phone, String email) {
        return ("{\"data\":{\"id\":%d,\"etag\":\"\\\"m%d\\\"\",\"display_number\":\"%d-Soak\",\"description\":\"Soak v. Crash\","
                + "\"status\":\"Closed\",\"practice_area\":{\"id\":1,\"name\":\"Family\"},"
                + "\"responsible_attorney\":{\"id\":77,\"name\":\"Alex Counsel\",\"email\":\"alex@firm.example\"},"
                + "\"client\":{\"id\":%d,\"name\":\"Pat Soak\",\"first_name\":\"Pat\",\"last_name\":\"Soak\","
                + "\"primary_email_address\":\"%s\",\"primary_phone_number\":%s}}}")
                .formatted(id, id, id, id, email, phone == null ? "null" : "\"" + phone + "\"");
    }

    static String twilioError(int code, String message, int status) {
        return "{\"code\":%d,\"message\":\"%s\",\"more_info\":\"https://www.twilio.com/docs/errors/%d\",\"status\":%d}"
                .formatted(code, message, code, status);
    }

    static String clioError(String type, String message) {
        return "{\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String enc(String value) {
        return value == null ? "" : java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        http.stop(0);
        smtpProxy.close();
        mail.stop();
    }

    /**
     * A TCP proxy in front of the SMTP server that, while its chaos is on, drops a new connection at once
     * (reset), or holds it 20 seconds before dropping it (stall). SMTP has no 429; these are its outages.
     */
    static final class FaultyProxy implements Closeable {
        private final ServerSocket server;
        private final int target;
        private final Chaos chaos;
        private volatile boolean open = true;

        FaultyProxy(int target, Chaos chaos) throws IOException {
            this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
            this.target = target;
            this.chaos = chaos;
            daemon(this::accept, "smtp-proxy");
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (open) {
                try {
                    Socket client = server.accept();
                    Fault fault = chaos.draw();
                    if (fault == Fault.STALL) {
                        daemon(() -> {
                            sleep(20_000);
                            closeQuietly(client);
                        }, "smtp-stall");
                        continue;
                    }
                    if (fault != null) {
                        client.setSoLinger(true, 0); // RST
                        client.close();
                        continue;
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    daemon(() -> pump(client, upstream), "smtp-up");
                    daemon(() -> pump(upstream, client), "smtp-down");
                } catch (IOException e) {
                    if (open) {
                        System.err.println("smtp proxy: " + e);
                    }
                }
            }
        }

        private static void pump(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        private static void daemon(Runnable r, String name) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() {
            open = false;
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
