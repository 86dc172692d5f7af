package vn.gov.haiphong.lgsp.exchange.vdxp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.registry.Agency;
import vn.gov.haiphong.lgsp.registry.AgencyCode;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;

/**
 * The agency lists of the national axis (getAgenciesList, getAgenciesListQD20,
 * getSynchronizeUnit; VDXP.md §5), served from the registry snapshot.
 *
 * <p>Choices where the SDK leaves them open: {@code id} is the agency's code (unique and stable,
 * unlike the two legacy platforms' numeric ids) and {@code pid} its parent's code, {@code "0"} for
 * a root, as the national axis marks roots; {@code oldCode} lists the aliases that resolve to the
 * agency, joined by {@code ;} when there are several, and is left out when there are none. The two
 * lists leave out CLOSED agencies; getSynchronizeUnit lists them all with {@code deleted = true}
 * for CLOSED ones.
 */
@Component
class VdxpAgencyDirectory {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(VIETNAM);

    private final AgencyResolver resolver;

    VdxpAgencyDirectory(AgencyResolver resolver) {
        this.resolver = resolver;
    }

    ArrayNode agenciesList() {
        RegistrySnapshot registry = resolver.snapshot();
        ArrayNode data = VdxpReply.array();
        for (Agency agency : open(registry)) {
            ObjectNode item = data.addObject();
            identity(item, agency);
            List<String> aliases = registry.aliasesOf(agency.code());
            if (!aliases.isEmpty()) {
                item.put("oldCode", String.join(";", aliases));
            }
        }
        return data;
    }

    ArrayNode agenciesListQd20() {
        RegistrySnapshot registry = resolver.snapshot();
        ArrayNode data = VdxpReply.array();
        for (Agency agency : open(registry)) {
            ObjectNode item = data.addObject();
            item.put("id", agency.code());
            item.put("code", agency.code());
            if (AgencyCode.isQcvn102(agency.code())) {
                item.put("code102", agency.code());
            }
            item.put("name", agency.name());
            item.put("mail", agency.email() == null ? "" : agency.email());
        }
        return data;
    }

    ArrayNode synchronizeUnit() {
        RegistrySnapshot registry = resolver.snapshot();
        ArrayNode data = VdxpReply.array();
        registry.agencies().stream().sorted(Comparator.comparing(Agency::code)).forEach(agency -> {
            ObjectNode item = data.addObject();
            identity(item, agency);
            if (agency.updatedAt() != null) {
                item.put("modifyDate", TIME.format(agency.updatedAt()));
            }
            item.put("version", (int) Math.min(Integer.MAX_VALUE, agency.version()));
            item.put("deleted", agency.status() == AgencyStatus.CLOSED);
            item.put("isAgency", true);
        });
        return data;
    }

    private static List<Agency> open(RegistrySnapshot registry) {
        return registry.agencies().stream().filter(a -> a.status() != AgencyStatus.CLOSED)
                .sorted(Comparator.comparing(Agency::code)).toList();
    }

    private static void identity(ObjectNode item, Agency agency) {
        item.put("id", agency.code());
        item.put("pid", agency.parentCode() == null ? "0" : agency.parentCode());
        item.put("code", agency.code());
        item.put("name", agency.name());
        item.put("mail", agency.email() == null ? "" : agency.email());
    }
}
