package vn.gov.haiphong.lgsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The JSON schemas the project publishes (in {@code schemas/}, or in its API documents), for tests that hold data to them. */
public final class PublishedSchemas {

    private PublishedSchemas() {
    }

    /** A draft 2020-12 schema from the repository's {@code schemas/}, with formats (uuid, date-time) asserted. */
    public static Schema load(String pathUnderSchemas) {
        try {
            return of(new ObjectMapper().readTree(Path.of("schemas", pathUnderSchemas).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A draft 2020-12 schema given as JSON (e.g. one of an OpenAPI 3.1 document's), with formats asserted. */
    public static Schema of(JsonNode schema) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config)).getSchema(schema);
    }
}
