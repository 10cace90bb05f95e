package com.casewire.routetest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code <routes>/tests/*.yaml}: each file a {@code cases:} list. Scalars stay text (a clock, a phone number or
 * {@code 00012} mean what they say, not what YAML would make of them), and each case keeps its line.
 */
final class RouteTestFiles {

    /** What the files hold: the cases, and a failed result for each file that is not a valid test file. */
    record Loaded(List<RouteTestCase> cases, List<RouteTestResult> broken) {
    }

    private RouteTestFiles() {
    }

    static Loaded load(Path routesDir) throws IOException {
        Path dir = routesDir.resolve("tests");
        List<RouteTestCase> cases = new ArrayList<>();
        List<RouteTestResult> broken = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Loaded(cases, broken);
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(dir)) {
            files = listed.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                cases.addAll(casesOf(file, new Yaml(new LoaderOptions()).compose(reader)));
            } catch (MarkedYAMLException e) {
                int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
                broken.add(new RouteTestResult(file, line, "(file)", false, "not valid YAML: " + e.getProblem()));
            } catch (NotATestFile e) {
                broken.add(new RouteTestResult(file, e.line, "(file)", false, e.getMessage()));
            }
        }
        return new Loaded(cases, broken);
    }

    private static List<RouteTestCase> casesOf(Path file, Node root) {
        if (!(root instanceof MappingNode top) || !(value(top, "cases") instanceof SequenceNode list)) {
            throw new NotATestFile(root == null ? 1 : line(root), "a route test file is a map with a 'cases:' list");
        }
        List<RouteTestCase> cases = new ArrayList<>();
        for (Node item : list.getValue()) {
            if (!(item instanceof MappingNode)) {
                throw new NotATestFile(line(item), "each case is a map with name, input and expect");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) plain(item);
            Object name = spec.get("name");
            cases.add(new RouteTestCase(file, line(item), name == null ? "(case without a name)" : name.toString(), spec));
        }
        return cases;
    }

    private static Node value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    /** Maps, lists and text; a YAML null is null. */
    private static Object plain(Node node) {
        if (node instanceof ScalarNode scalar) {
            return Tag.NULL.equals(scalar.getTag()) ? null : scalar.getValue();
        }
        if (node instanceof SequenceNode seq) {
            return seq.getValue().stream().map(RouteTestFiles::plain).toList();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            map.put(((ScalarNode) t.getKeyNode()).getValue(), plain(t.getValueNode()));
        }
        return map;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static final class NotATestFile extends RuntimeException {
        private final int line;

        NotATestFile(int line, String message) {
            super(message);
            this.line = line;
        }
    }
}
