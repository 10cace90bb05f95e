package com.casewire.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port that forwards every connection to a target (a database, a vendor) and can be cut
 * like a network outage: {@link #cut()} closes every open connection at once and stops listening, so new connections
 * are refused, until {@link #restore()} listens again on the same port. For outage tests and soak tools.
 *
 * <pre>
 * try (CuttableTcpProxy proxy = CuttableTcpProxy.start("127.0.0.1", 5432)) {
 *     connect to 127.0.0.1:proxy.port() ...; proxy.cut(); ...; proxy.restore(); ...
 * }
 * </pre>
 */
public final class CuttableTcpProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket server; // null while cut
    private Thread acceptor;
    private boolean closed;

    private CuttableTcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
        acceptOn(server);
    }

    /** Listens on a free loopback port and forwards each connection to {@code targetHost:targetPort}. */
    public static CuttableTcpProxy start(String targetHost, int targetPort) throws IOException {
        return new CuttableTcpProxy(targetHost, targetPort);
    }

    /** The loopback port clients connect to; the same after a cut and a restore. */
    public int port() {
        return port;
    }

    /** Closes every forwarded connection and refuses new ones until {@link #restore()}. */
    public synchronized void cut() {
        if (server != null) {
            closeQuietly(server);
            server = null;
            // the JDK finishes closing a listening socket when the thread blocked in accept() has left it: until
            // then a connect can still succeed
            awaitQuietly(acceptor);
        }
        open.forEach(CuttableTcpProxy::closeQuietly);
        open.clear();
    }

    /** Accepts and forwards connections again, on the same port. */
    public synchronized void restore() throws IOException {
        if (closed) {
            throw new IllegalStateException("proxy is closed");
        }
        if (server == null) {
            server = listen(port);
            acceptOn(server);
        }
    }

    public synchronized boolean isCut() {
        return server == null;
    }

    /** Connections forwarded right now (each counts its two sockets once). */
    public int openConnections() {
        return open.size() / 2;
    }

    @Override
    public synchronized void close() {
        closed = true;
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void acceptOn(ServerSocket listening) {
        acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    daemon("proxy-connect-" + port, () -> forward(listening, client));
                } catch (IOException e) {
                    // closed by cut() or close(): the loop ends
                }
            }
        }, "proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void forward(ServerSocket listening, Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        synchronized (this) {
            if (server != listening) { // cut while this one was connecting
                closeQuietly(client);
                closeQuietly(upstream);
                return;
            }
            open.add(client);
            open.add(upstream);
        }
        pump(client, upstream);
        pump(upstream, client);
    }

    private void pump(Socket from, Socket to) {
        daemon("proxy-pump-" + port, () -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // either side closed: the other is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void awaitQuietly(Thread thread) {
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
