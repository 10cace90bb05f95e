package com.casewire.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table against the configuration metadata that spring-boot-configuration-processor writes
 * from the {@code @ConfigurationProperties} records (and Spring Boot's own, for {@code spring.*} keys): the table is
 * one table from its header to its last row, every key it names exists, every environment variable it gives binds to
 * its key, and every {@code hub.*} key the hub binds is documented in the README or under docs/.
 */
class ReadmeConfigurationTableTest {

    static final Path README = Path.of("README.md");
    static final String HEADER = "| key | environment variable | default | meaning |";
    /** A key cell: a full key, then siblings ({@code , `client-id`}, {@code / `token-url`}) or a suffix ({@code / `-end`}). */
    static final Pattern KEY = Pattern.compile("`([a-z0-9.*-]+)`");

    static List<String> readme;
    static Set<String> known;

    @BeforeAll
    static void read() throws IOException {
        readme = Files.readAllLines(README);
        known = metadataKeys();
    }

    @Test
    void theTableRunsUnbrokenFromItsHeaderToItsLastRow() {
        int header = readme.indexOf(HEADER);
        assertThat(header).as("the configuration table's header in README.md").isPositive();
        int last = header;
        for (int i = header; i < readme.size(); i++) {
            if (readme.get(i).startsWith("| `hub.") || readme.get(i).startsWith("| `spring.")) {
                last = i;
            }
        }
        List<String> broken = new ArrayList<>();
        for (int i = header; i <= last; i++) {
            if (!readme.get(i).startsWith("|")) {
                broken.add("line " + (i + 1) + ": " + readme.get(i));
            }
        }
        assertThat(broken).as("lines inside the table that are not table rows (they render as text)").isEmpty();
        assertThat(last - header).as("rows in the configuration table").isGreaterThan(50);
    }

    @Test
    void everyKeyTheTableNamesIsBound() {
        List<String> unknown = new ArrayList<>();
        for (String row : tableRows()) {
            for (String key : keysOf(row)) {
                boolean exists = key.endsWith(".*")
                        ? known.stream().anyMatch(k -> k.startsWith(key.substring(0, key.length() - 1)))
                        : known.contains(key);
                if (!exists) {
                    unknown.add(key);
                }
            }
        }
        assertThat(unknown).as("keys in README.md's table that no configuration record binds").isEmpty();
    }

    @Test
    void eachEnvironmentVariableGivenForOneKeyBindsToIt() {
        List<String> wrong = new ArrayList<>();
        for (String row : tableRows()) {
            String[] cells = row.split("\\|");
            List<String> keys = keysOf(row);
            Matcher variable = Pattern.compile("^\\s*`([A-Z0-9_]+)`\\s*$").matcher(cells[2]);
            if (keys.size() == 1 && variable.matches() && !bindsTo(variable.group(1), keys.get(0))) {
                wrong.add(variable.group(1) + " for " + keys.get(0));
            }
        }
        assertThat(wrong).as("environment variables that Spring would not bind to the key beside them").isEmpty();
    }

    @Test
    void everyHubKeyIsDocumented() throws IOException {
        String docs;
        try (Stream<Path> files = Files.walk(Path.of("docs"))) {
            docs = String.join("\n", readme) + files.filter(f -> f.toString().endsWith(".md")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
        List<String> undocumented = new ArrayList<>();
        for (String key : known) {
            if (key.startsWith("hub.") && !documented(key, docs)) {
                undocumented.add(key);
            }
        }
        assertThat(undocumented).as("hub.* keys that neither README.md nor docs/ mention").isEmpty();
    }

    /**
     * A key is documented when its full name appears, or when its section ({@code hub.clio}) and its own name
     * ({@code client-secret}) appear on one line, as the table's shorthand rows and the connector pages write them.
     */
    static boolean documented(String key, String docs) {
        if (docs.contains(key)) {
            return true;
        }
        String section = key.substring(0, key.lastIndexOf('.'));
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        return docs.lines().anyMatch(line -> line.contains(section) && line.contains("`" + leaf + "`"));
    }

    List<String> tableRows() {
        return readme.stream().filter(l -> l.startsWith("| `hub.") || l.startsWith("| `spring.")).toList();
    }

    /** The keys one row's first cell names, shorthand expanded against the row's first key. */
    static List<String> keysOf(String row) {
        String cell = row.split("\\|")[1];
        Matcher m = KEY.matcher(cell);
        List<String> keys = new ArrayList<>();
        String first = null;
        while (m.find()) {
            String name = m.group(1);
            if (first == null) {
                first = name;
                keys.add(name);
            } else if (name.startsWith("-")) {
                keys.add(first.substring(0, first.lastIndexOf('-')) + name);
            } else {
                keys.add(first.substring(0, first.lastIndexOf('.') + 1) + name);
            }
        }
        if (cell.contains("(other)")) {
            keys.set(0, first.substring(0, first.length() - 1) + "*");
        }
        return keys;
    }

    /** Spring's relaxed binding: dots to underscores, upper case, and dashes either removed or as underscores. */
    static boolean bindsTo(String variable, String key) {
        String upper = key.toUpperCase().replace('.', '_');
        return variable.equals(upper.replace("-", "")) || variable.equals(upper.replace('-', '_'));
    }

    static Set<String> metadataKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String name : List.of("META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json")) {
            Enumeration<URL> resources = ReadmeConfigurationTableTest.class.getClassLoader().getResources(name);
            while (resources.hasMoreElements()) {
                try (InputStream in = resources.nextElement().openStream()) {
                    JsonNode properties = json.readTree(in).path("properties");
                    properties.forEach(p -> keys.add(p.path("name").asText()));
                }
            }
        }
        assertThat(keys).as("hub.* keys in the configuration metadata").anyMatch(k -> k.startsWith("hub.firm."));
        return keys;
    }
}
