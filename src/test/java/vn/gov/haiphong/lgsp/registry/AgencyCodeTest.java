package vn.gov.haiphong.lgsp.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Agency code forms, without Spring. */
class AgencyCodeTest {

    @Test
    void normalizeTrimsAndUpperCases() {
        assertThat(AgencyCode.normalize("  000.00.01.h27 \t")).isEqualTo("000.00.01.H27");
        assertThat(AgencyCode.normalize(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"000.00.00.H27", "000.60.71.H27", "000.01.21.H26", "000.00.00.G22", "123.45.67.K2A"})
    void qcvn102CodesAreValid(String code) {
        assertThat(AgencyCode.isQcvn102(code)).isTrue();
        assertThat(AgencyCode.isValid(code)).isTrue();
        assertThat(AgencyCode.problem(code)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"H27", "BNV.VP", "H27.94.21", "A1.B2.C3.D4", "000.00.01"})
    void decision20CodesAreValid(String code) {
        assertThat(AgencyCode.isQcvn102(code)).isFalse();
        assertThat(AgencyCode.isValid(code)).isTrue();
        assertThat(AgencyCode.problem(code)).isNull();
    }

    @Test
    void brokenQcvn102AttemptIsNamedAsSuch() {
        // Row 120 of the sample HP registry: ends in a level-1 part but is not 13 characters.
        assertThat(AgencyCode.isValid("27.01.H27")).isFalse();
        assertThat(AgencyCode.problem("27.01.H27")).contains("H27").contains("13-character");
        assertThat(AgencyCode.isValid("0000.00.00.H27")).isFalse();
        assertThat(AgencyCode.isValid("00.00.00.H26")).isFalse();
    }

    @Test
    void otherMalformedCodesHaveAProblem() {
        assertThat(AgencyCode.problem(null)).isEqualTo("code is empty");
        assertThat(AgencyCode.problem("  ")).isEqualTo("code is empty");
        assertThat(AgencyCode.problem("A".repeat(36))).contains("longer than 35");
        assertThat(AgencyCode.isValid("A".repeat(35))).isTrue();
        assertThat(AgencyCode.problem("000.00.00.h27")).contains("0-9 and A-Z");
        assertThat(AgencyCode.problem("000..00.H27")).contains("0-9 and A-Z");
        assertThat(AgencyCode.problem(".000.00.00.H27")).contains("0-9 and A-Z");
        assertThat(AgencyCode.problem("000.00.00.H27.")).contains("0-9 and A-Z");
        assertThat(AgencyCode.problem("000-00-00-H27")).contains("0-9 and A-Z");
        assertThat(AgencyCode.isValid("")).isFalse();
    }

    @Test
    void levelOneAndHaiDuong() {
        assertThat(AgencyCode.levelOne("000.01.21.H26")).isEqualTo("H26");
        assertThat(AgencyCode.levelOne("H27")).isNull();
        assertThat(AgencyCode.levelOne(null)).isNull();
        assertThat(AgencyCode.isHaiDuong("000.01.21.H26")).isTrue();
        assertThat(AgencyCode.isHaiDuong("000.60.71.H27")).isFalse();
        assertThat(AgencyCode.isHaiDuong("H26")).isFalse();
    }
}
