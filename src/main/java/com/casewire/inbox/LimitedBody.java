package com.casewire.inbox;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body as raw bytes, refusing to buffer more than a limit. */
final class LimitedBody {

    static final class TooLarge extends Exception {
        TooLarge() {
            super("request body exceeds the configured limit", null, false, false);
        }
    }

    private LimitedBody() {
    }

    static byte[] read(HttpServletRequest request, int maxBytes) throws IOException, TooLarge {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new TooLarge();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] buffer = new byte[8192];
        InputStream in = request.getInputStream();
        int total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > maxBytes) {
                throw new TooLarge();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
