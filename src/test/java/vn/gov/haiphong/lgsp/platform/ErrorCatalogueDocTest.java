package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;

/** Every refusal a client can meet is in the one catalogue, with a unique code documented in docs/reference/errors.md. */
class ErrorCatalogueDocTest {

    @Test
    void theErrorReferenceListsEveryErrorCode() throws Exception {
        String reference = Files.readString(Path.of("docs/reference/errors.md"));
        Set<String> codes = new HashSet<>();
        for (ErrorCode error : ErrorCode.values()) {
            assertThat(codes.add(error.code())).as("duplicate code " + error.code()).isTrue();
            assertThat(reference).as("docs/reference/errors.md documents " + error).contains("`" + error.code() + "`");
        }
        assertThat(codes).hasSizeGreaterThan(50);
    }
}
