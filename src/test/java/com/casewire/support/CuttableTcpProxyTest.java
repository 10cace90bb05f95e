package com.casewire.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outage tests' proxy against a local echo server: forwards, cuts what is open, refuses, restores. */
class CuttableTcpProxyTest {

    private ServerSocket echo;
    private CuttableTcpProxy proxy;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread e = new Thread(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException ignored) {
                            // closed
                        }
                    });
                    e.setDaemon(true);
                    e.start();
                } catch (IOException ignored) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
        proxy = CuttableTcpProxy.start("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsCutsRefusesAndRestoresOnTheSamePort() throws Exception {
        int port = proxy.port();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertThat(roundTrip(s, "hello")).isEqualTo("hello");
            assertThat(proxy.openConnections()).isEqualTo(1);

            proxy.cut();

            assertThat(proxy.isCut()).isTrue();
            assertThat(proxy.openConnections()).isZero();
            s.setSoTimeout(2_000);
            assertThat(readOrEnd(s)).isEqualTo(-1); // the open connection was closed under the client
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);

        proxy.restore();

        assertThat(proxy.port()).isEqualTo(port);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertThat(roundTrip(s, "again")).isEqualTo("again");
        }
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        byte[] read = s.getInputStream().readNBytes(text.length());
        return new String(read, StandardCharsets.US_ASCII);
    }

    private static int readOrEnd(Socket s) {
        try {
            InputStream in = s.getInputStream();
            return in.read();
        } catch (IOException e) {
            return -1; // a reset reads as an exception: also the end
        }
    }
}
