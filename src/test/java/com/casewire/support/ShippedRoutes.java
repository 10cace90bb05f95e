package com.casewire.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The shipped {@code routes/} directory, copied whole so that a test can break or extend one file of the copy. */
public final class ShippedRoutes {

    public static final Path DIR = Path.of("routes");

    private ShippedRoutes() {
    }

    /** Copies every file and folder of {@code routes/} into {@code target}; returns {@code target}. */
    public static Path copyTo(Path target) {
        try (Stream<Path> walk = Files.walk(DIR)) {
            for (Path from : walk.toList()) {
                Path to = target.resolve(DIR.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + DIR + " to " + target, e);
        }
    }
}
