package com.casewire.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Bare HTTP/1.1 over blocking sockets, for the benchmark only: a keep-alive client connection and a stub
 * server. They share the two cores with the hub, so they must cost as little CPU as possible (the JDK's
 * HttpClient and HttpServer took about 1 ms of CPU per event between them, as much as a quarter of what
 * the hub needs). Enough of HTTP/1.1 for the hub and the benchmark: Content-Length and chunked bodies,
 * keep-alive, no pipelining.
 */
final class LeanHttp {

    private LeanHttp() {
    }

    /** A response: status and body. */
    record Response(int status, String body) {
    }

    /** What the head of a message says about its body and connection. */
    private record Head(long contentLength, boolean close) {
    }

    /** One keep-alive connection; not thread-safe (one per load-generator thread). */
    static final class Connection implements Closeable {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private boolean closed;

        Connection(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        /** Sends a complete request (head and body in one write) and reads the response. */
        Response exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("connection closed");
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            Head head = readHeaders(in);
            byte[] body = readBody(in, head.contentLength());
            if (head.close()) {
                close(); // the server ends keep-alive (Tomcat does every 100 requests)
            }
            return new Response(status, new String(body, StandardCharsets.UTF_8));
        }

        boolean isOpen() {
            return !closed;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            socket.close();
        }
    }

    /** A POST with the given headers ("Name: value" lines) and body, as bytes ready to write. */
    static byte[] post(String path, int port, String body, String... headers) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                .append(port).append("\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[h.length + content.length];
        System.arraycopy(h, 0, request, 0, h.length);
        System.arraycopy(content, 0, request, h.length, content.length);
        return request;
    }

    /**
     * A stub server: a thread per connection (the hub keeps a small pool of keep-alive connections). The
     * handler gets the request path and body and returns the status and JSON body to answer with.
     */
    static final class Server implements Closeable {

        private final ServerSocket server;
        private final BiFunction<String, byte[], Response> handler;
        private volatile boolean open = true;

        Server(BiFunction<String, byte[], Response> handler) throws IOException {
            this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
            this.handler = handler;
            Thread acceptor = new Thread(this::accept, "stub-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (open) {
                try {
                    Socket socket = server.accept();
                    socket.setTcpNoDelay(true);
                    Thread t = new Thread(() -> serve(socket), "stub-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    if (open) {
                        System.err.println("stub accept failed: " + e);
                    }
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
                OutputStream out = socket.getOutputStream();
                for (String requestLine; (requestLine = line(in)) != null; ) {
                    if (requestLine.isEmpty()) {
                        continue;
                    }
                    String path = requestLine.substring(requestLine.indexOf(' ') + 1, requestLine.lastIndexOf(' '));
                    byte[] body = readBody(in, readHeaders(in).contentLength());
                    Response r = handler.apply(path, body);
                    byte[] content = r.body().getBytes(StandardCharsets.UTF_8);
                    byte[] head = ("HTTP/1.1 " + r.status() + (r.status() < 300 ? " OK" : " Error")
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1);
                    byte[] response = new byte[head.length + content.length];
                    System.arraycopy(head, 0, response, 0, head.length);
                    System.arraycopy(content, 0, response, head.length, content.length);
                    out.write(response);
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                // the hub closed the connection
            }
        }

        @Override
        public void close() throws IOException {
            open = false;
            server.close();
        }
    }

    /** The headers that matter here: the body's length (-1 for chunked) and Connection: close. */
    private static Head readHeaders(InputStream in) throws IOException {
        long length = 0;
        boolean close = false;
        for (String header; (header = line(in)) != null && !header.isEmpty(); ) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                length = -1;
            } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        return new Head(length, close);
    }

    private static byte[] readBody(InputStream in, long length) throws IOException {
        if (length >= 0) {
            return in.readNBytes((int) length);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String size; (size = line(in)) != null; ) {
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                while (true) { // trailers up to the empty line
                    String trailer = line(in);
                    if (trailer == null || trailer.isEmpty()) {
                        break;
                    }
                }
                break;
            }
            body.write(in.readNBytes(n));
            line(in);
        }
        return body.toByteArray();
    }

    /** A CRLF-terminated line (ISO-8859-1), or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : line.toString();
    }
}
