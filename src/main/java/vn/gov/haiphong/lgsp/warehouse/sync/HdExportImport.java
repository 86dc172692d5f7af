package vn.gov.haiphong.lgsp.warehouse.sync;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.warehouse.DatasetDefinition;
import vn.gov.haiphong.lgsp.warehouse.DatasetService;

/**
 * The first load from the former Hải Dương warehouse: its export file (NDJSON, one change
 * record a line, the same records as on {@code hd.legacy.{dataset}}). Every line is read and
 * mapped before anything is written, so a file with a bad line changes nothing and the answer
 * names the line. Lines are then applied in order, {@value #CHUNK} per transaction, with the
 * same rules as the live stream; loading the same file again is a no-op (replays).
 */
@Service
public class HdExportImport {

    static final int CHUNK = 500;

    private final HdSyncService sync;
    private final DatasetService datasets;
    private final TransactionTemplate transaction;

    public HdExportImport(HdSyncService sync, DatasetService datasets, TransactionTemplate transaction) {
        this.sync = sync;
        this.datasets = datasets;
        this.transaction = transaction;
    }

    public record Report(String dataset, String fileName, int records, Map<HdSyncService.Outcome, Integer> outcomes,
                         List<Long> conflictIds) {
    }

    public Report load(String dataset, String fileName, byte[] file) {
        DatasetDefinition definition = datasets.definition(dataset);
        try {
            sync.syncedDataset(definition.name());
        } catch (HdRecordException e) {
            throw invalid(0, e);
        }
        String label = fileName == null || fileName.isBlank() ? "upload" : fileName;
        List<HdSyncService.Prepared> prepared = new ArrayList<>();
        int lineNumber = 0;
        int start = file.length >= 3 && (file[0] & 0xFF) == 0xEF && (file[1] & 0xFF) == 0xBB && (file[2] & 0xFF) == 0xBF ? 3 : 0;
        for (int i = start; i <= file.length; i++) {
            if (i == file.length || file[i] == '\n') {
                lineNumber++;
                int end = i > start && file[i - 1] == '\r' ? i - 1 : i;
                byte[] line = java.util.Arrays.copyOfRange(file, start, Math.max(start, end));
                start = i + 1;
                if (new String(line, StandardCharsets.UTF_8).isBlank()) {
                    continue;
                }
                try {
                    prepared.add(sync.prepare(definition, line, "file:" + label + ":" + lineNumber));
                } catch (HdRecordException e) {
                    throw invalid(lineNumber, e);
                }
            }
        }
        Map<HdSyncService.Outcome, Integer> outcomes = new EnumMap<>(HdSyncService.Outcome.class);
        List<Long> conflicts = new ArrayList<>();
        for (int from = 0; from < prepared.size(); from += CHUNK) {
            List<HdSyncService.Prepared> chunk = prepared.subList(from, Math.min(prepared.size(), from + CHUNK));
            List<HdSyncService.Result> results = transaction.execute(status ->
                    chunk.stream().map(sync::applyInTransaction).toList());
            for (HdSyncService.Result result : results) {
                outcomes.merge(result.outcome(), 1, Integer::sum);
                if (result.conflictId() != null) {
                    conflicts.add(result.conflictId());
                }
            }
        }
        return new Report(definition.name(), label, prepared.size(), outcomes, conflicts);
    }

    private static LgspException invalid(int line, HdRecordException e) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("line", line);
        where.put("reason", e.reason().name());
        return new LgspException(ErrorCode.DATA_HD_FILE_INVALID,
                (line > 0 ? "Line " + line + ": " : "") + e.getMessage(), where);
    }
}
