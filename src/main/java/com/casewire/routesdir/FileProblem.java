package com.casewire.routesdir;

/**
 * One problem in an integrator's file, said the way compilers say it ({@code file:line: message}) so that an editor or
 * a terminal jumps to it.
 *
 * @param file the file as the integrator names it (the routes directory joined with its name)
 * @param line 1-based; the line that holds the offending key or value
 */
public record FileProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
