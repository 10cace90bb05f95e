package com.casewire.routesdir;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code java -jar casewire-hub.jar --validate [--routes-dir=DIR]}: checks a routes directory without starting the hub
 * (no web server, no database, no Camel context) and prints one {@code file:line: message} line per problem. Exit
 * status 1 when there is one, 0 with {@code ok: N files checked} otherwise.
 */
public final class ValidateCommand {

    static final String FLAG = "--validate";

    private ValidateCommand() {
    }

    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains(FLAG);
    }

    /** The routes directory the command checks. */
    public static Path routesDirectory(String[] args) {
        return Path.of(routesDir(args));
    }

    /** The exit status. */
    public static int run(String[] args, PrintStream out) {
        Path dir = routesDirectory(args);
        RoutesValidator.Result result = RoutesValidator.check(dir);
        result.problems().forEach(out::println);
        if (result.problems().isEmpty()) {
            out.println("ok: " + result.filesChecked() + " files checked in " + dir);
            return 0;
        }
        out.println(result.problems().size() + (result.problems().size() == 1 ? " problem" : " problems") + " in " + dir);
        return 1;
    }

    /** {@code --routes-dir=}, else {@code --hub.routes-dir=}, else HUB_ROUTES_DIR, else {@code routes} (as the hub does). */
    static String routesDir(String[] args) {
        return value(args, "--routes-dir=").or(() -> value(args, "--hub.routes-dir="))
                .or(() -> Optional.ofNullable(System.getenv("HUB_ROUTES_DIR")).filter(v -> !v.isBlank()))
                .orElse("routes");
    }

    private static Optional<String> value(String[] args, String prefix) {
        return Arrays.stream(args).filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst();
    }
}
