package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** FIPS 180-2's test vectors, in the forms the platform uses. */
class Sha256Test {

    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hexIsLowerCaseAndSixtyFourCharacters() {
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
        assertThat(Sha256.hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void textIsDigestedAsUtf8() {
        assertThat(Sha256.hex("Hải Phòng")).isEqualTo(Sha256.hex("Hải Phòng".getBytes(StandardCharsets.UTF_8)));
        assertThat(Sha256.hex("abc")).isEqualTo(ABC);
    }

    @Test
    void aDigestFedInPartsEqualsOneOfTheWhole() {
        var digest = Sha256.newDigest();
        digest.update("a".getBytes(StandardCharsets.US_ASCII));
        digest.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertThat(digest.digest()).isEqualTo(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
    }
}
