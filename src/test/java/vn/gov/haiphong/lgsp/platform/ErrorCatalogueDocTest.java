package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlError;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpSignatureError;

/** Every refusal a client can meet is documented in the README, with a unique code. */
class ErrorCatalogueDocTest {

    @Test
    void readmeListsEveryErrorCodeOnce() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> codes = new HashSet<>();
        Stream.of(ErrorCode.values()).forEach(e -> documentedOnce(readme, codes, e, e.code()));
        Stream.of(EdxmlError.values()).forEach(e -> documentedOnce(readme, codes, e, e.code()));
        Stream.of(VdxpSignatureError.values()).forEach(e -> documentedOnce(readme, codes, e, e.code()));
        assertThat(codes).hasSizeGreaterThan(30);
    }

    private static void documentedOnce(String readme, Set<String> seen, Enum<?> error, String code) {
        assertThat(seen.add(code)).as("duplicate code " + code).isTrue();
        assertThat(readme).as("README documents " + error).contains("`" + code + "`");
    }
}
