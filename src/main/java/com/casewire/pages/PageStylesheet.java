package com.casewire.pages;

import com.casewire.config.HubProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one stylesheet of the pages, {@code /pages.css}: {@code <hub.routes-dir>/templates/pages/pages.css} when the
 * firm put one there (its colours, its logo), else the hub's own. Read on each request (it is small) so an edit
 * shows at once; browsers keep it five minutes.
 */
@RestController
class PageStylesheet {

    private final Path override;

    PageStylesheet(HubProperties hub) {
        this.override = Path.of(hub.routesDir(), "templates", "pages", "pages.css");
    }

    @GetMapping(path = "/pages.css", produces = "text/css")
    ResponseEntity<byte[]> stylesheet() throws IOException {
        byte[] css;
        if (Files.isRegularFile(override)) {
            css = Files.readAllBytes(override);
        } else {
            try (InputStream in = PageStylesheet.class.getResourceAsStream("/templates/pages/pages.css")) {
                css = in.readAllBytes();
            }
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "css", java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5))).body(css);
    }
}
