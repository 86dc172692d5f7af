package vn.gov.haiphong.lgsp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The JSON schemas the project publishes in {@code schemas/}, for tests that hold data to them. */
public final class PublishedSchemas {

    private PublishedSchemas() {
    }

    /** A draft 2020-12 schema from the repository's {@code schemas/}, with formats (uuid, date-time) asserted. */
    public static Schema load(String pathUnderSchemas) {
        try {
            SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                            builder -> builder.schemaRegistryConfig(config))
                    .getSchema(new ObjectMapper().readTree(Path.of("schemas", pathUnderSchemas).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
