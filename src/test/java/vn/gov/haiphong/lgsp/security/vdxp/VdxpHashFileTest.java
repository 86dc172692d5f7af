package vn.gov.haiphong.lgsp.security.vdxp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class VdxpHashFileTest {

    /** VDXP.md §4: the header the SDK sends for the 8363-byte sample. */
    private static final String SAMPLE_HEADER = "7e4a746b898d9b54749de74b58e7bd24c8b86287a386653f6593adf9db5eb";
    /** The sample's real SHA-256; the bytes 05, 06, 06 lose their leading zero in the header. */
    private static final String SAMPLE_DIGEST = "7e4a746b898d9b054749de74b58e7bd24c8b86287a3806653f06593adf9db5eb";

    private static byte[] sample() throws IOException {
        try (InputStream in = VdxpHashFileTest.class.getResourceAsStream("/edxml/edoc-new-small.edxml")) {
            return in.readAllBytes();
        }
    }

    private static byte[] withCrlf(byte[] file) {
        byte[] body = Arrays.copyOf(file, file.length + 2);
        body[file.length] = '\r';
        body[file.length + 1] = '\n';
        return body;
    }

    @Test
    void sampleFileGivesTheDocumentedHeader() throws Exception {
        byte[] file = sample();
        assertThat(file).hasSize(8363);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file))).isEqualTo(SAMPLE_DIGEST);
        assertThat(VdxpHashFile.compute(file)).isEqualTo(SAMPLE_HEADER).hasSize(61);
    }

    @Test
    void sdkBodyWithTrailingCrlfMatchesAndIsStoredWithoutIt() throws Exception {
        byte[] file = sample();
        assertThat(VdxpHashFile.matches(SAMPLE_HEADER, withCrlf(file))).hasValueSatisfying(
                stored -> assertThat(stored).isEqualTo(file));
    }

    @Test
    void bodyWithoutTrailingCrlfMatchesAsIs() throws Exception {
        byte[] file = sample();
        assertThat(VdxpHashFile.matches(SAMPLE_HEADER, file)).hasValueSatisfying(
                stored -> assertThat(stored).isEqualTo(file));
        assertThat(VdxpHashFile.matches(SAMPLE_HEADER.toUpperCase(), file)).isPresent();
    }

    @Test
    void fileEndingInCrlfKeepsItsOwnLineEnd() {
        byte[] file = "<edXML/>\r\n".getBytes(StandardCharsets.UTF_8);
        String header = VdxpHashFile.compute(file);
        // Sent by the SDK: one extra CRLF, stripped once.
        assertThat(VdxpHashFile.matches(header, withCrlf(file))).hasValueSatisfying(s -> assertThat(s).isEqualTo(file));
        // Sent by a client that adds nothing: the file's own CRLF is kept.
        assertThat(VdxpHashFile.matches(header, file)).hasValueSatisfying(s -> assertThat(s).isEqualTo(file));
    }

    @Test
    void mismatchesAreRefused() throws Exception {
        byte[] file = sample();
        byte[] tampered = file.clone();
        tampered[100] ^= 1;
        assertThat(VdxpHashFile.matches(SAMPLE_HEADER, withCrlf(tampered))).isEmpty();
        assertThat(VdxpHashFile.matches(SAMPLE_DIGEST, file)).as("the padded digest is not what the SDK sends").isEmpty();
        assertThat(VdxpHashFile.matches("", file)).isEmpty();
        assertThat(VdxpHashFile.matches(null, file)).isEmpty();
        assertThat(VdxpHashFile.matches(SAMPLE_HEADER, null)).isEmpty();
    }

    @Test
    void emptyBodyHasTheHashOfNothing() {
        assertThat(VdxpHashFile.compute(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(VdxpHashFile.matches(VdxpHashFile.compute(new byte[0]), "\r\n".getBytes(StandardCharsets.US_ASCII)))
                .hasValueSatisfying(s -> assertThat(s).isEmpty());
    }
}
