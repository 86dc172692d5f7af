package vn.gov.haiphong.lgsp.gateway.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;

class BoundedBodyTest {

    private static final byte[] TEXT = "{\"id\":42}".getBytes(StandardCharsets.UTF_8);

    private static GatewayFailure tooLarge() {
        return new GatewayFailure(ErrorCode.GW_REQUEST_TOO_LARGE, "too large");
    }

    @Test
    void aDeclaredLengthIsReadExactlyAndNothingIsEmpty() throws Exception {
        assertThat(BoundedBody.read(new ByteArrayInputStream(TEXT), TEXT.length, 100, BoundedBodyTest::tooLarge))
                .isEqualTo(TEXT);
        assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[0]), 0, 100, BoundedBodyTest::tooLarge)).isEmpty();
    }

    @Test
    void anUndeclaredLengthIsReadToTheEndWithinTheLimit() throws Exception {
        byte[] big = new byte[20_000];
        big[19_999] = 7;
        assertThat(BoundedBody.read(new ByteArrayInputStream(big), -1, 20_000, BoundedBodyTest::tooLarge)).isEqualTo(big);
        assertThatThrownBy(() -> BoundedBody.read(new ByteArrayInputStream(big), -1, 19_999, BoundedBodyTest::tooLarge))
                .isInstanceOf(GatewayFailure.class).hasMessage("too large");
    }
}
