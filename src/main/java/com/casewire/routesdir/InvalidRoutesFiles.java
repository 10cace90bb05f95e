package com.casewire.routesdir;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The integrator's files have problems the hub must not start with. Its message is one {@code file:line: message} line
 * per problem, which is all an integrator needs: the startup failure analyzer prints it without a stack trace.
 */
public class InvalidRoutesFiles extends IllegalArgumentException {

    private final transient List<FileProblem> problems;

    public InvalidRoutesFiles(List<FileProblem> problems) {
        super(problems.stream().map(FileProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public InvalidRoutesFiles(FileProblem problem) {
        this(List.of(problem));
    }

    public List<FileProblem> problems() {
        return problems;
    }
}
