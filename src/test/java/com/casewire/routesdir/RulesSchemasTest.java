package com.casewire.routesdir;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.RoutesCopy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JSON Schemas in {@code routes/schemas/} that give an editor completion and error marks: each shipped file meets
 * its schema, a misspelt key or an unknown value fails both the schema and {@code --validate}, and each schema lists
 * exactly the keys of the record its file binds to, with matching types, so that the two cannot drift apart.
 */
class RulesSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory DRAFT_07 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    /** Each integrator file with a schema, and the record {@link RulesYaml} binds it to. */
    enum Bound {
        MATTER_STATUS("matter-status.rules.yaml", "com.casewire.statusupdate.MilestoneRules$File"),
        INTAKE("intake.rules.yaml", "com.casewire.intake.IntakeRules$File"),
        TIME_ENTRY("time-entry.rules.yaml", "com.casewire.timeentry.TimeEntryRules$File"),
        BILLING("billing.rules.yaml", "com.casewire.billing.BillingRules$File"),
        RETAINER("retainer.rules.yaml", "com.casewire.retainer.RetainerRules$File"),
        STAFF("staff.yaml", "com.casewire.staff.StaffDirectory$File");

        final String file;
        final String record;

        Bound(String file, String record) {
            this.file = file;
            this.record = record;
        }

        String schemaPath() {
            return "schemas/" + file.replaceFirst("\\.yaml$", ".schema.json");
        }

        JsonNode schemaJson() throws IOException {
            return JSON.readTree(RoutesCopy.SHIPPED.resolve(schemaPath()).toFile());
        }

        JsonSchema schema() throws IOException {
            return DRAFT_07.getSchema(schemaJson());
        }
    }

    @Test
    void everyRulesFileAndStaffYamlHasASchema() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(RoutesCopy.SHIPPED)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rules.yaml") || n.equals(RoutesValidator.STAFF))
                    .forEach(files::add);
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(Arrays.stream(Bound.values()).map(b -> b.file).toList());
    }

    @ParameterizedTest
    @EnumSource(Bound.class)
    void theSchemaIsAValidDraft07Schema(Bound bound) throws IOException {
        JsonSchema metaSchema = DRAFT_07.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
        assertThat(metaSchema.validate(bound.schemaJson())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Bound.class)
    void theFirstLineNamesTheSchemaAndTheShippedFileMeetsIt(Bound bound) throws IOException {
        String text = Files.readString(RoutesCopy.SHIPPED.resolve(bound.file));
        assertThat(text.lines().findFirst()).contains("# yaml-language-server: $schema=" + bound.schemaPath());
        assertThat(bound.schema().validate(text, InputFormat.YAML)).isEmpty();
    }

    /** Each case breaks a shipped file one way: the editor (the schema) and the hub ({@code --validate}) both refuse. */
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            MATTER_STATUS | requiresApproval: true    | requiresAproval: true        | requiresAproval
            MATTER_STATUS | when:                     | wehn:                        | wehn
            MATTER_STATUS | channels: [email, portal] | chanels: [email, portal]     | chanels
            MATTER_STATUS | channels: [email, portal] | channels: [email, fax]       | fax
            MATTER_STATUS | repeat: once-per-matter   | repeat: twice                | twice
            INTAKE        | defaultPracticeArea:      | defaultPracticeAria:         | defaultPracticeAria
            TIME_ENTRY    | titleIncludes: []         | titleInclude: []             | titleInclude
            TIME_ENTRY    | followUpAfter: 30m        | followUpAfter: half an hour  | half an hour
            BILLING       | secondNotice: 14          | secondNotise: 14             | secondNotise
            BILLING       | runAt: "09:00"            | runAt: "9 am"                | 9 am
            RETAINER      | replenishTo: 5000.00      | replenishT0: 5000.00         | replenishT0
            RETAINER      | sender: attorney          | sender: partner              | partner
            STAFF         | prefers: email            | prefer: email                | prefer
            STAFF         | roles: [attorney]         | roles: [attorney, paralegal] | paralegal
            """)
    void aBrokenFileFailsTheSchemaAndTheValidator(Bound bound, String from, String to, String named, @TempDir Path dir)
            throws IOException {
        Path file = RoutesCopy.of(dir).resolve(bound.file);
        String shipped = Files.readString(file);
        assertThat(shipped).as(bound.file + " has " + from).contains(from);
        String broken = shipped.replaceFirst(Pattern.quote(from), to);
        Files.writeString(file, broken);

        Set<ValidationMessage> schemaSays = bound.schema().validate(broken, InputFormat.YAML);
        assertThat(schemaSays).as("the schema refuses " + to).isNotEmpty();
        assertThat(schemaSays.stream().map(m -> m.getMessage() + " " + m.getInstanceNode()).toList())
                .anyMatch(m -> m.contains(named));
        assertThat(RoutesValidator.check(dir).problems()).as("--validate refuses " + to)
                .anyMatch(p -> p.file().equals(file.toString()));
    }

    @ParameterizedTest
    @EnumSource(Bound.class)
    void theSchemaListsExactlyTheKeysTheRecordBinds(Bound bound) throws Exception {
        JsonNode root = bound.schemaJson();
        List<String> disagreements = new ArrayList<>();
        compare(root, root, Class.forName(bound.record), bound.file, disagreements);
        assertThat(disagreements).isEmpty();
    }

    @Test
    void theRouteFilesNameTheYamlDslSchemaOfTheCamelInUseAndMeetIt() throws IOException {
        String version = YamlRoutesBuilderLoader.class.getPackage().getImplementationVersion();
        assertThat(version).as("camel-yaml-dsl's version").isNotBlank();
        String modeline = "# yaml-language-server: $schema=https://raw.githubusercontent.com/apache/camel/camel-" + version
                + "/dsl/camel-yaml-dsl/camel-yaml-dsl/src/generated/resources/schema/camelYamlDsl.json";
        JsonSchema dsl;
        try (InputStream in = YamlRoutesBuilderLoader.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            JsonNode node = JSON.readTree(in);
            dsl = JsonSchemaFactory.getInstance(SpecVersionDetector.detect(node)).getSchema(node);
        }
        List<Path> routes;
        try (Stream<Path> list = Files.list(RoutesCopy.SHIPPED)) {
            routes = list.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(routes).isNotEmpty();
        for (Path route : routes) {
            String text = Files.readString(route);
            assertThat(text.lines().findFirst()).as(route.toString()).contains(modeline);
            assertThat(dsl.validate(text, InputFormat.YAML)).as(route.toString()).isEmpty();
        }
        String misspelt = Files.readString(routes.get(0)).replaceFirst("- to:", "- too:");
        assertThat(misspelt).contains("- too:");
        assertThat(dsl.validate(misspelt, InputFormat.YAML)).as("a misspelt step").isNotEmpty();
    }

    /**
     * Walks the schema alongside the Java type the binding fills: a record's components are exactly the object's
     * properties (and unknown keys are refused), a list is an array of its element, a map an object of its value.
     */
    private static void compare(JsonNode root, JsonNode schema, Type type, String path, List<String> out) {
        JsonNode s = resolve(root, schema);
        Set<String> types = types(root, s);
        if (type instanceof Class<?> c && c.isRecord()) {
            Set<String> components = new TreeSet<>();
            for (RecordComponent component : c.getRecordComponents()) {
                components.add(component.getName());
            }
            Set<String> properties = new TreeSet<>();
            s.path("properties").fieldNames().forEachRemaining(properties::add);
            if (!components.equals(properties)) {
                out.add(path + ": the record binds " + components + ", the schema lists " + properties);
            }
            if (!s.path("additionalProperties").isBoolean() || s.path("additionalProperties").asBoolean()) {
                out.add(path + ": the binding refuses unknown keys, the schema must say additionalProperties: false");
            }
            expect(types, "object", path, out);
            for (RecordComponent component : c.getRecordComponents()) {
                JsonNode property = s.path("properties").path(component.getName());
                if (!property.isMissingNode()) {
                    compare(root, property, component.getGenericType(), path + "." + component.getName(), out);
                }
            }
        } else if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            expect(types, "array", path, out);
            compare(root, s.path("items"), p.getActualTypeArguments()[0], path + "[]", out);
        } else if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            expect(types, "object", path, out);
            compare(root, s.path("additionalProperties"), p.getActualTypeArguments()[1], path + ".*", out);
        } else if (type == String.class) {
            expect(types, "string", path, out);
        } else if (type == Integer.class) {
            expect(types, "integer", path, out);
        } else if (type == Boolean.class) {
            expect(types, "boolean", path, out);
        } else if (type != Object.class) {
            out.add(path + ": no rule for comparing " + type.getTypeName());
        }
    }

    private static void expect(Set<String> types, String type, String path, List<String> out) {
        if (!types.contains(type)) {
            out.add(path + ": the record binds " + type + ", the schema allows " + types);
        }
    }

    /** The schema a property means: through its $ref, or the single $ref of an allOf that carries its description. */
    private static JsonNode resolve(JsonNode root, JsonNode schema) {
        JsonNode s = schema;
        while (true) {
            if (s.has("$ref")) {
                s = root.at(s.get("$ref").asText().substring(1));
            } else if (s.path("allOf").size() == 1 && !s.has("type") && !s.has("properties")) {
                s = s.get("allOf").get(0);
            } else {
                return s;
            }
        }
    }

    /** The JSON types a schema allows, counting each branch of an anyOf. */
    private static Set<String> types(JsonNode root, JsonNode schema) {
        Set<String> types = new TreeSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        }
        type.forEach(t -> types.add(t.asText()));
        schema.path("anyOf").forEach(branch -> types.addAll(types(root, resolve(root, branch))));
        return types;
    }
}
