package com.casewire.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A copy of routes/ for a test that changes it as an integrator would (a broken template, a recipe applied). */
public final class RoutesCopy {

    /** The shipped routes directory. */
    public static final Path SHIPPED = Path.of("routes");

    private RoutesCopy() {
    }

    /** Copies the directory tree {@code from} into {@code to}, over what is there. */
    public static Path copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of routes/ at {@code to}. */
    public static Path of(Path to) {
        return copyTree(SHIPPED, to);
    }

    /**
     * docs/recipes/slack-on-settlement-offer.md applied to a copy: the steps of slack-on-settlement-offer.steps.yaml
     * inserted before the step with id status-to-approval in matter-status.camel.yaml, indented like it.
     */
    public static void insertSlackSteps(Path routesCopy) {
        try {
            Path route = routesCopy.resolve("matter-status.camel.yaml");
            List<String> lines = new ArrayList<>(Files.readAllLines(route));
            int at = -1;
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).strip().equals("id: status-to-approval")) {
                    at = i - 1; // the "- to:" line of that step
                }
            }
            if (at < 0) {
                throw new IllegalStateException("routes/matter-status.camel.yaml has no step status-to-approval");
            }
            String indent = lines.get(at).substring(0, lines.get(at).indexOf('-'));
            List<String> steps = Files.readAllLines(Path.of("docs/recipes/slack-on-settlement-offer.steps.yaml")).stream()
                    .filter(line -> !line.startsWith("#")).map(line -> line.isBlank() ? line : indent + line).toList();
            lines.addAll(at, steps);
            Files.write(route, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
