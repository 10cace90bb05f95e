package com.casewire.routesdir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What Camel YAML DSL files say about each other: the route ids they declare and the {@code direct:} endpoints they
 * consume and send to, each with its file and line. Read as YAML nodes, without a CamelContext.
 */
final class RouteFiles {

    /** A name at a place: a route id, or a direct endpoint's name. */
    record Mention(String name, String file, int line) {
    }

    /** Keys whose value is an endpoint a route sends to. */
    private static final Set<String> SENDING = Set.of("to", "toD", "wireTap", "enrich", "pollEnrich");

    private final Map<String, List<Mention>> routeIds = new LinkedHashMap<>();
    private final Map<String, Mention> consumed = new LinkedHashMap<>();
    private final List<Mention> sent = new ArrayList<>();

    /**
     * Reads one file.
     *
     * @param reportSends whether its sends are checked (the integrator's files; the hub's own are only consumers)
     * @throws InvalidRoutesFiles for a YAML syntax error
     */
    void read(InputStream in, String file, boolean reportSends) {
        String text;
        try {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Node root = RulesYaml.compose(text, file);
        if (!(root instanceof SequenceNode items)) {
            return;
        }
        for (Node item : items.getValue()) {
            if (!(item instanceof MappingNode m)) {
                continue;
            }
            Node route = value(m, "route");
            Node from = route instanceof MappingNode r ? value(r, "from") : value(m, "from");
            if (route instanceof MappingNode r && value(r, "id") instanceof ScalarNode id) {
                routeIds.computeIfAbsent(id.getValue(), k -> new ArrayList<>()).add(new Mention(id.getValue(), file, line(id)));
            }
            if (from instanceof MappingNode f && value(f, "uri") instanceof ScalarNode uri) {
                direct(uri.getValue()).ifPresent(name -> consumed.putIfAbsent(name, new Mention(name, file, line(uri))));
            }
            if (reportSends) {
                collectSends(item, file);
            }
        }
    }

    /** Route ids declared more than once, each place after the first. */
    List<FileProblem> duplicateIds() {
        List<FileProblem> problems = new ArrayList<>();
        routeIds.forEach((id, places) -> {
            for (Mention again : places.subList(1, places.size())) {
                Mention first = places.get(0);
                problems.add(new FileProblem(again.file(), again.line(), "route id '" + id + "' is already used at "
                        + first.file() + ":" + first.line() + " (route ids must be unique)"));
            }
        });
        return problems;
    }

    /** Sends to a {@code direct:} endpoint that no route consumes (the exchange would fail at run time). */
    List<FileProblem> unconsumedDirects() {
        List<FileProblem> problems = new ArrayList<>();
        for (Mention send : sent) {
            if (!consumed.containsKey(send.name())) {
                String hint = NearestKey.to(send.name(), consumed.keySet()).map(n -> " (did you mean 'direct:" + n + "'?)")
                        .orElse("");
                problems.add(new FileProblem(send.file(), send.line(), "sends to 'direct:" + send.name()
                        + "', which no route consumes" + hint));
            }
        }
        return problems;
    }

    private void collectSends(Node node, String file) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key && SENDING.contains(key.getValue())) {
                    Node target = t.getValueNode() instanceof MappingNode to ? value(to, "uri") : t.getValueNode();
                    if (target instanceof ScalarNode uri) {
                        direct(uri.getValue()).ifPresent(name -> sent.add(new Mention(name, file, line(uri))));
                    }
                }
                collectSends(t.getValueNode(), file);
            }
        } else if (node instanceof SequenceNode s) {
            s.getValue().forEach(child -> collectSends(child, file));
        }
    }

    /** The endpoint name of a static {@code direct:} URI (options and dynamic parts left out). */
    private static java.util.Optional<String> direct(String uri) {
        String u = uri.strip();
        if (!u.startsWith("direct:") || u.contains("${")) {
            return java.util.Optional.empty();
        }
        String name = u.substring("direct:".length());
        int options = name.indexOf('?');
        return java.util.Optional.of(options < 0 ? name : name.substring(0, options));
    }

    private static Node value(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
