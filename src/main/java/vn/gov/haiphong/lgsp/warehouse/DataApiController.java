package vn.gov.haiphong.lgsp.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.gov.haiphong.lgsp.security.CallingSystem;

/**
 * The data API for connected systems: query (filters, sort, paging, field selection, ETag),
 * batch upsert and delete. Rights and auditing live in {@link DatasetService}.
 */
@RestController
@RequestMapping("/api/data")
public class DataApiController {

    private final DatasetService service;
    private final ObjectMapper json;

    public DataApiController(DatasetService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @GetMapping("/{dataset}")
    public ResponseEntity<byte[]> query(@AuthenticationPrincipal CallingSystem caller, @PathVariable String dataset,
                                        @RequestParam MultiValueMap<String, String> params,
                                        @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch)
            throws JsonProcessingException {
        DatasetService.Result result = service.query(caller, dataset, params);
        // private: answers depend on the caller's grants, so no shared cache may keep them.
        return EntityTags.answer(json.writeValueAsBytes(RowViews.page(result)), MediaType.APPLICATION_JSON,
                ifNoneMatch, "private, no-cache");
    }

    @GetMapping("/{dataset}/{key}/history")
    public List<DatasetRepository.HistoryEntry> history(@AuthenticationPrincipal CallingSystem caller,
                                                       @PathVariable String dataset, @PathVariable String key) {
        return service.history(caller, dataset, key);
    }

    @PostMapping(path = "/{dataset}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> upsert(@AuthenticationPrincipal CallingSystem caller, @PathVariable String dataset,
                                      @RequestBody List<Map<String, Object>> rows) {
        List<DatasetService.RowOutcome> outcomes = service.upsert(caller, dataset, rows);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dataset", dataset);
        answer.put("changed", outcomes.stream().filter(DatasetService.RowOutcome::changed).count());
        answer.put("unchanged", outcomes.stream().filter(o -> !o.changed()).count());
        answer.put("rows", outcomes);
        return answer;
    }

    @DeleteMapping("/{dataset}/{key}")
    public DatasetService.RowOutcome delete(@AuthenticationPrincipal CallingSystem caller, @PathVariable String dataset,
                                            @PathVariable String key) {
        return service.delete(caller, dataset, key);
    }
}
