package vn.gov.haiphong.lgsp.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resolving codes through the admin API, and the alias rules enforced at write time. Codes: 000.ZZ.95. */
class AliasResolutionTest extends RegistryTestSupport {

    @Test
    void aliasChainResolvesToTheCurrentAgency() {
        createAgency("000.00.95.H27", "Sở Thử nghiệm Chín Lăm", "000.00.00.H27");
        assertThat(putAlias("000.01.95.H26", "000.00.95.H27").statusCode()).isEqualTo(200);
        assertThat(putAlias("000.02.95.H26", "000.01.95.H26").statusCode()).isEqualTo(200);
        assertThat(putAlias("000.03.95.H26", "000.02.95.H26").statusCode()).isEqualTo(200);

        JsonNode r = getJson(ADMIN + "/resolve/000.03.95.H26");
        assertThat(r.path("requestedCode").asText()).isEqualTo("000.03.95.H26");
        assertThat(r.path("viaAlias").asBoolean()).isTrue();
        assertThat(texts(r.path("aliasChain"))).containsExactly("000.03.95.H26", "000.02.95.H26", "000.01.95.H26");
        assertThat(r.path("agency").path("code").asText()).isEqualTo("000.00.95.H27");
        assertThat(r.path("agency").path("name").asText()).isEqualTo("Sở Thử nghiệm Chín Lăm");
        assertThat(aliasesOf("000.00.95.H27")).containsExactly("000.01.95.H26", "000.02.95.H26", "000.03.95.H26");

        JsonNode direct = getJson(ADMIN + "/resolve/000.00.95.H27");
        assertThat(direct.path("viaAlias").asBoolean()).isFalse();
        assertThat(direct.path("aliasChain")).isEmpty();
        // Codes are compared trimmed and upper-cased.
        assertThat(resolvedCode("000.03.95.h26")).isEqualTo("000.00.95.H27");
    }

    @Test
    void aliasThatWouldCloseACycleIsRefused() {
        createAgency("000.10.95.H27", "Phòng Thử nghiệm Vòng", "000.00.00.H27");
        assertThat(putAlias("000.11.95.H26", "000.10.95.H27").statusCode()).isEqualTo(200);
        assertThat(putAlias("000.12.95.H26", "000.11.95.H26").statusCode()).isEqualTo(200);
        long lastChange = lastChangeId();

        // Re-pointing the head of the chain at its tail would loop.
        JsonNode problem = assertProblem(putAlias("000.11.95.H26", "000.12.95.H26"), 409, "REG-111");
        assertThat(problem.path("detail").asText()).contains("000.11.95.H26").contains("000.12.95.H26");
        assertProblem(putAlias("000.13.95.H26", "000.13.95.H26"), 409, "REG-111");

        assertThat(resolvedCode("000.12.95.H26")).isEqualTo("000.10.95.H27");
        assertThat(resolvedCode("000.13.95.H26")).isNull();
        assertThat(jdbc.sql("SELECT target_code FROM agency_alias WHERE alias_code = '000.11.95.H26'")
                .query(String.class).single()).isEqualTo("000.10.95.H27");
        assertThat(changesSince(lastChange)).isEmpty();
    }

    @Test
    void aliasToNothingIsRefused() {
        long lastChange = lastChangeId();
        assertProblem(putAlias("000.20.95.H26", "000.21.95.H27"), 422, "REG-112");
        assertThat(resolvedCode("000.20.95.H26")).isNull();

        // Removing the middle of a chain would leave its head dangling.
        createAgency("000.22.95.H27", "Phòng Thử nghiệm Xích", "000.00.00.H27");
        assertThat(putAlias("000.23.95.H26", "000.22.95.H27").statusCode()).isEqualTo(200);
        assertThat(putAlias("000.24.95.H26", "000.23.95.H26").statusCode()).isEqualTo(200);
        long beforeDelete = lastChangeId();
        assertThat(beforeDelete).isGreaterThan(lastChange);
        assertProblem(delete(ADMIN + "/aliases/000.23.95.H26"), 422, "REG-112");
        assertThat(resolvedCode("000.24.95.H26")).isEqualTo("000.22.95.H27");
        assertThat(changesSince(beforeDelete)).isEmpty();
        assertProblem(delete(ADMIN + "/aliases/000.25.95.H26"), 404, "REG-114");
    }

    @Test
    void aliasCarryingAnAgencyCodeIsRefused() {
        createAgency("000.30.95.H27", "Phòng Thử nghiệm Gốc", "000.00.00.H27");
        createAgency("000.31.95.H27", "Phòng Thử nghiệm Khác", "000.00.00.H27");
        assertProblem(putAlias("000.30.95.H27", "000.31.95.H27"), 409, "REG-113");
        JsonNode r = getJson(ADMIN + "/resolve/000.30.95.H27");
        assertThat(r.path("viaAlias").asBoolean()).isFalse();
        assertThat(r.path("agency").path("name").asText()).isEqualTo("Phòng Thử nghiệm Gốc");
        // Nor can a new agency take a code that is already an alias.
        assertThat(putAlias("000.32.95.H26", "000.31.95.H27").statusCode()).isEqualTo(200);
        assertProblem(sendJson("POST", ADMIN + "/agencies",
                agencyBody("000.32.95.H26", "Đơn vị trùng bí danh", null, null)), 409, "REG-103");
        assertThat(resolvedCode("000.32.95.H26")).isEqualTo("000.31.95.H27");
    }

    @Test
    void closedHaiDuongCodesOfTheDemoDataResolveToHaiPhongUnits() {
        JsonNode ward = getJson(ADMIN + "/resolve/000.01.21.H26");
        assertThat(ward.path("agency").path("code").asText()).isEqualTo("000.60.71.H27");
        assertThat(ward.path("agency").path("name").asText()).isEqualTo("Ủy ban nhân dân phường Hải Dương");
        assertThat(ward.path("viaAlias").asBoolean()).isTrue();
        assertThat(texts(ward.path("aliasChain"))).containsExactly("000.01.21.H26");
        assertThat(texts(ward.path("servedBy"))).contains("hd.phuonghaiduong.qlvb");

        JsonNode city = getJson(ADMIN + "/resolve/000.00.00.H26");
        assertThat(city.path("agency").path("code").asText()).isEqualTo("000.00.00.H27");
        assertThat(city.path("agency").path("name").asText()).isEqualTo("Ủy ban nhân dân thành phố Hải Phòng");

        assertThat(resolvedCode("000.00.01.H26")).isEqualTo("000.00.61.H27");
        assertThat(resolvedCode("000.00.16.H26")).isEqualTo("000.00.68.H27");
        // The one Hải Dương unit without a successor is still under its H26 code.
        JsonNode leftover = getJson(ADMIN + "/resolve/000.00.15.H26");
        assertThat(leftover.path("viaAlias").asBoolean()).isFalse();
        assertThat(leftover.path("agency").path("code").asText()).isEqualTo("000.00.15.H26");
        // An H26 code is an alias, not an agency of its own.
        JsonNode notAnAgency = assertProblem(get(ADMIN + "/agencies/000.01.21.H26"), 404, "REG-102");
        assertThat(notAnAgency.path("detail").asText()).contains("/resolve/");
    }

    @Test
    void unknownCodeIsNotFoundAndMalformedCodeIsBadRequest() {
        assertProblem(resolve("000.99.95.H27"), 404, "REG-102");
        assertProblem(resolve("000.99.95.H26"), 404, "REG-102");
        JsonNode malformed = assertProblem(resolve("27.01.H27"), 400, "REG-101");
        assertThat(malformed.path("detail").asText()).contains("27.01.H27");
        assertProblem(resolve("000.00.00.H27.X!"), 400, "REG-101");
        assertProblem(putAlias("28.22.H17", "000.00.00.H27"), 400, "REG-101");
        assertProblem(putAlias("000.40.95.H26", "000.00.0.H27"), 400, "REG-101");
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array.isArray()).isTrue();
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
