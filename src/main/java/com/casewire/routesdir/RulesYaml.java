package com.casewire.routesdir;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads an integrator's YAML file (rules, staff) into a typed record. Jackson binds it and refuses every key the record
 * does not have (all of them, each on its line); SnakeYAML's node tree remembers where each key is, so a rule broken after binding (stages out of
 * order, an unknown attorney) is reported on its own line too. Every problem comes out as an {@link InvalidRoutesFiles}
 * with {@code file:line: message}.
 */
public final class RulesYaml {

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** A file's text, its node tree and its name: what binding and later checks report against. */
    public static final class Source {

        private final String file;
        private final String text;
        private final Node root;

        private Source(String file, String text, Node root) {
            this.file = file;
            this.text = text;
            this.root = root;
        }

        public String file() {
            return file;
        }

        /** The file bound to {@code type}; an unknown key, a wrong type or an empty file is a problem on its line. */
        public <T> T bind(Class<T> type) {
            if (root == null) {
                throw problem("the file is empty (expected keys: " + String.join(", ", keysOf(type)) + ")");
            }
            if (!(root instanceof MappingNode)) {
                throw problem("expected a mapping of keys (" + String.join(", ", keysOf(type)) + ")");
            }
            UnknownKeys unknown = new UnknownKeys();
            T bound;
            try {
                bound = MAPPER.readerFor(type).withHandler(unknown).readValue(text);
            } catch (UnrecognizedPropertyException e) {
                Collection<String> known = e.getKnownPropertyIds().stream().map(String::valueOf).toList();
                throw unknown.and(new FileProblem(file, line(e), NearestKey.unknownKey(e.getPropertyName(), known)));
            } catch (MismatchedInputException e) {
                throw unknown.and(new FileProblem(file, line(e), mismatch(e)));
            } catch (JsonMappingException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw unknown.and(new FileProblem(file, line(e), path(e) + ": " + firstLine(cause.getMessage())));
            } catch (JsonProcessingException e) {
                throw unknown.and(new FileProblem(file, e.getLocation() == null ? 1 : e.getLocation().getLineNr(),
                        "YAML: " + firstLine(e.getOriginalMessage())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            if (!unknown.problems.isEmpty()) {
                throw new InvalidRoutesFiles(unknown.problems);
            }
            return bound;
        }

        /**
         * Every unknown key of the file, each on its line with the nearest known key, rather than the first alone: an
         * integrator who misspelt two keys learns of both in one run. The key's value is skipped.
         */
        private final class UnknownKeys extends DeserializationProblemHandler {

            private final List<FileProblem> problems = new ArrayList<>();
            private final Map<String, Integer> sameName = new java.util.HashMap<>();

            @Override
            public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                                 Object beanOrClass, String propertyName) throws IOException {
                // the line: the key's token where the parser still knows it; inside a record being built the parser is
                // a replay of buffered tokens without locations, so the key's n-th appearance in the file's node tree
                int line = p.currentTokenLocation().getLineNr();
                int seen = sameName.merge(propertyName, 1, Integer::sum);
                if (line <= 0) {
                    List<Integer> lines = keyLines(root, propertyName, new ArrayList<>());
                    line = lines.isEmpty() ? 1 : lines.get(Math.min(seen, lines.size()) - 1);
                }
                Collection<String> known = deserializer.getKnownPropertyNames().stream().map(String::valueOf).toList();
                problems.add(new FileProblem(file, line, NearestKey.unknownKey(propertyName, known)));
                p.skipChildren();
                return true;
            }

            /** The unknown keys found before {@code last}, and {@code last}. */
            InvalidRoutesFiles and(FileProblem last) {
                List<FileProblem> all = new ArrayList<>(problems);
                all.add(last);
                return new InvalidRoutesFiles(all);
            }
        }

        /** A problem with the whole file, reported on its first line. */
        public InvalidRoutesFiles problem(String message) {
            return at(1, message);
        }

        /**
         * A problem with the value at {@code path} (keys and list indexes from the top: "stages", "reminder"), reported
         * on the line of the deepest part of the path the file has.
         */
        public InvalidRoutesFiles problem(String message, Object... path) {
            return at(lineOf(path), message);
        }

        /** The 1-based line of the deepest part of {@code path} in the file; 1 when not even the first part is there. */
        public int lineOf(Object... path) {
            Node node = root;
            int line = 1;
            for (Object part : path) {
                Node next = null;
                if (node instanceof MappingNode map && part instanceof String key) {
                    for (NodeTuple t : map.getValue()) {
                        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                            line = k.getStartMark().getLine() + 1;
                            next = t.getValueNode();
                            break;
                        }
                    }
                } else if (node instanceof SequenceNode list && part instanceof Integer i && i < list.getValue().size()) {
                    next = list.getValue().get(i);
                    line = next.getStartMark().getLine() + 1;
                }
                if (next == null) {
                    break;
                }
                node = next;
            }
            return line;
        }

        /**
         * The line of the key Jackson's path names, from the node tree: Jackson's own location is where its parser
         * stopped, which for a record (bound through its constructor) can be a later line.
         */
        private int line(JsonMappingException e) {
            Object[] path = e.getPath().stream().map(r -> r.getFieldName() != null ? (Object) r.getFieldName() : r.getIndex())
                    .toArray();
            return path.length > 0 ? lineOf(path) : e.getLocation() == null ? 1 : e.getLocation().getLineNr();
        }

        /** The 1-based lines where {@code name} is a key, in the file's order. */
        private static List<Integer> keyLines(Node node, String name, List<Integer> lines) {
            if (node instanceof MappingNode map) {
                for (NodeTuple t : map.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(name)) {
                        lines.add(k.getStartMark().getLine() + 1);
                    }
                    keyLines(t.getValueNode(), name, lines);
                }
            } else if (node instanceof SequenceNode list) {
                list.getValue().forEach(item -> keyLines(item, name, lines));
            }
            return lines;
        }

        private InvalidRoutesFiles at(int line, String message) {
            return new InvalidRoutesFiles(new FileProblem(file, line, message));
        }
    }

    private RulesYaml() {
    }

    /** The file read and parsed; a YAML syntax error is a problem on the line SnakeYAML marks. */
    public static Source source(InputStream in, String file) {
        String text;
        try {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Source(file, text, compose(text, file));
    }

    /** The YAML node tree of {@code text}; null for an empty file. */
    static Node compose(String text, String file) {
        try {
            return new Yaml().compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new InvalidRoutesFiles(syntaxProblem(e, file));
        }
    }

    /** A YAML syntax error as SnakeYAML marks it: the line of the problem, its words without the snippet. */
    static FileProblem syntaxProblem(MarkedYAMLException e, String file) {
        var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String what = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
        String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
        return new FileProblem(file, mark == null ? 1 : mark.getLine() + 1, "YAML syntax: " + what + context);
    }

    private static List<String> keysOf(Class<?> type) {
        return type.isRecord() ? java.util.Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList() : List.of();
    }

    private static String mismatch(MismatchedInputException e) {
        String path = path(e);
        String value = e instanceof InvalidFormatException f ? ", not '" + f.getValue() + "'" : "";
        Class<?> target = e.getTargetType();
        String expected;
        if (target == null) {
            expected = "something else";
        } else if (target == Boolean.class || target == boolean.class) {
            expected = "true or false";
        } else if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            expected = "a whole number";
        } else if (Number.class.isAssignableFrom(target) || target == double.class) {
            expected = "a number";
        } else if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            expected = "a mapping of keys";
        } else if (Collection.class.isAssignableFrom(target)) {
            expected = "a list";
        } else if (target == String.class) {
            expected = "a single value";
        } else {
            expected = "a " + target.getSimpleName();
        }
        return (path.isEmpty() ? "the file" : path) + " must be " + expected + value;
    }

    /** Jackson's path as the file spells it: {@code stages.reminder}, {@code milestones[2].channels}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot be read";
        }
        int eol = message.indexOf('\n');
        return eol < 0 ? message : message.substring(0, eol);
    }
}
