package vn.gov.haiphong.lgsp.exchange.vdxp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestClient.Reply;
import vn.gov.haiphong.lgsp.registry.Agency;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;

/** The national axis's agency lists, served from the unified registry with the H26 codes as oldCode. */
class VdxpAgencyListsTest extends VdxpTestSupport {

    @Autowired
    AgencyResolver resolver;

    @Test
    void getAgenciesListCarriesTheLegacyCodesOfMergedUnits() {
        Reply reply = homeAffairs().agencies("getAgenciesList");
        assertAscii(reply);
        Map<String, JsonNode> byCode = byCode(assertOk(reply).path("data"));

        JsonNode ward = byCode.get(WARD);
        assertThat(ward).as("the ward is listed").isNotNull();
        assertThat(ward.path("id").asText()).isEqualTo(WARD);
        assertThat(ward.path("pid").asText()).isEqualTo("000.00.00.H27");
        assertThat(ward.path("oldCode").asText().split(";")).contains(WARD_H26);
        assertThat(ward.path("name").asText()).isEqualTo("Ủy ban nhân dân phường Hải Dương");
        JsonNode city = byCode.get("000.00.00.H27");
        assertThat(city.path("pid").asText()).isEqualTo("0");
        assertThat(city.path("oldCode").asText().split(";")).contains("000.00.00.H26");
        assertThat(byCode.get(HOME_AFFAIRS).path("name").asText()).isEqualTo("Sở Nội vụ");
        assertThat(byCode.get(HOME_AFFAIRS).has("oldCode")).as("no aliases, no oldCode").isFalse();
        // Legacy codes are names of units, never units of their own.
        assertThat(byCode.keySet()).noneMatch(code -> code.endsWith(".H26") && resolver.snapshot().alias(code).isPresent());
        for (JsonNode item : byCode.values()) {
            for (String field : List.of("id", "pid", "code", "name", "mail")) {
                assertThat(item.path(field).isTextual()).as("%s of %s", field, item).isTrue();
            }
        }
        // Closed units are not offered as recipients.
        List<String> closed = resolver.snapshot().agencies().stream().filter(a -> a.status() == AgencyStatus.CLOSED)
                .map(Agency::code).toList();
        assertThat(closed).isNotEmpty();
        assertThat(byCode.keySet()).doesNotContainAnyElementsOf(closed);
        long open = resolver.snapshot().agencies().stream().filter(a -> a.status() != AgencyStatus.CLOSED).count();
        assertThat(byCode).hasSize((int) open);
    }

    @Test
    void getAgenciesListQd20GivesTheQcvn102CodeBesideTheCode() {
        Reply reply = ward().call("POST", "getAgenciesListQD20", VdxpTestClient.params("level", "1"),
                "application/json", new byte[0], false);
        Map<String, JsonNode> byCode = byCode(assertOk(reply).path("data"));
        assertThat(byCode.get(WARD).path("code102").asText()).isEqualTo(WARD);
        assertThat(byCode.get(WARD).path("id").asText()).isEqualTo(WARD);
        assertThat(byCode.get(WARD).path("mail").isTextual()).isTrue();
    }

    @Test
    void getSynchronizeUnitListsEveryUnitWithItsState() {
        Map<String, JsonNode> byCode = byCode(assertOk(homeAffairs().agencies("getSynchronizeUnit")).path("data"));
        assertThat(byCode).hasSize(resolver.snapshot().agencies().size());
        for (Agency agency : resolver.snapshot().agencies()) {
            JsonNode item = byCode.get(agency.code());
            assertThat(item.path("deleted").isBoolean()).isTrue();
            assertThat(item.path("deleted").asBoolean()).as(agency.code()).isEqualTo(agency.status() == AgencyStatus.CLOSED);
            assertThat(item.path("isAgency").asBoolean()).isTrue();
            assertThat(item.path("version").isInt()).isTrue();
            assertThat(item.path("modifyDate").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        }
    }

    private static Map<String, JsonNode> byCode(JsonNode data) {
        assertThat(data.isArray()).isTrue();
        Map<String, JsonNode> byCode = new HashMap<>();
        data.forEach(item -> assertThat(byCode.put(item.path("code").asText(), item)).as("listed once").isNull());
        return byCode;
    }

    private static void assertAscii(Reply reply) {
        for (byte b : reply.body()) {
            assertThat(b & 0xFF).isLessThan(0x80);
        }
    }
}
