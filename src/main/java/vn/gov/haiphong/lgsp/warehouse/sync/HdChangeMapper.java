package vn.gov.haiphong.lgsp.warehouse.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;
import vn.gov.haiphong.lgsp.warehouse.DatasetDefinition;
import vn.gov.haiphong.lgsp.warehouse.DatasetService;
import vn.gov.haiphong.lgsp.warehouse.HdMapping;
import vn.gov.haiphong.lgsp.warehouse.sync.HdRecordException.Reason;

/**
 * Maps an HD upsert onto a dataset's fields by its declared {@link HdMapping}: HD field names
 * to dataset fields, HD value codes to values, agency codes through the registry (an H26 code
 * becomes the H27 code of the unit that holds it today). Nothing is guessed: an unmapped HD
 * field, an unknown code or a value of the wrong type fails the record.
 */
@Component
public class HdChangeMapper {

    private final AgencyResolver resolver;
    private final DatasetService datasets;

    public HdChangeMapper(AgencyResolver resolver, DatasetService datasets) {
        this.resolver = resolver;
        this.datasets = datasets;
    }

    /**
     * The mapped fields HD sent, normalised as a write would store them; mapped fields HD left
     * out or sent as null are absent (the row loses them).
     */
    public Map<String, Object> map(DatasetDefinition definition, HdChange change) {
        HdMapping mapping = definition.hdMapping().orElseThrow(() -> new HdRecordException(Reason.NOT_SYNCED,
                "dataset " + definition.name() + " declares no hdSync mapping"));
        RegistrySnapshot registry = resolver.snapshot();
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : change.fields().entrySet()) {
            String target = mapping.fields().get(entry.getKey());
            if (target == null) {
                throw failed("HD field " + entry.getKey() + " is not mapped by dataset " + definition.name());
            }
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            Map<String, String> codes = mapping.values().get(target);
            if (codes != null) {
                value = codes.get(String.valueOf(value));
                if (value == null) {
                    throw failed("HD field " + entry.getKey() + ": unknown code '" + entry.getValue() + "' (known: "
                            + codes.keySet() + ")");
                }
            }
            if (mapping.agencyCodeFields().contains(target)) {
                String code = String.valueOf(value);
                value = registry.resolve(code).map(r -> r.agency().code()).orElseThrow(() -> failed("HD field "
                        + entry.getKey() + ": agency code '" + code + "' resolves to no agency in the registry"));
            }
            row.put(target, value);
        }
        String key = definition.key();
        if (row.get(key) == null) {
            row.put(key, change.key());
        } else if (!change.key().equals(row.get(key))) {
            throw failed("key '" + change.key() + "' differs from the key field's value '" + row.get(key) + "'");
        }
        try {
            return datasets.checkedData(definition, row);
        } catch (LgspException e) {
            throw failed(e.getMessage());
        }
    }

    private static HdRecordException failed(String problem) {
        return new HdRecordException(Reason.MAPPING_FAILED, problem);
    }
}
