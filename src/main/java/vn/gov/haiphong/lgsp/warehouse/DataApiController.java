package vn.gov.haiphong.lgsp.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "data", description = "Rows of the declared datasets, under per-agency rights")
public class DataApiController {

    private final DatasetService service;
    private final ObjectMapper json;

    public DataApiController(DatasetService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Operation(summary = "Query a dataset: filters, sort, paging, field selection (needs the read right)")
    @QueryParameters
    @ApiResponse(responseCode = "200", description = "A page of rows (strong ETag; Cache-Control private, no-cache)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RowViews.Page.class)))
    @ApiResponse(responseCode = "304", description = "Not modified (If-None-Match)", content = @Content)
    @ApiResponse(responseCode = "503", description = "DATA-418: the query ran longer than allowed; Retry-After",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/{dataset}")
    public ResponseEntity<byte[]> query(@AuthenticationPrincipal CallingSystem caller, @PathVariable String dataset,
                                        @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
                                        @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch)
            throws JsonProcessingException {
        DatasetService.Result result = service.query(caller, dataset, params);
        // private: answers depend on the caller's grants, so no shared cache may keep them.
        return EntityTags.answer(json.writeValueAsBytes(RowViews.page(result)), MediaType.APPLICATION_JSON,
                ifNoneMatch, "private, no-cache");
    }

    @Operation(summary = "Every version of a row, deletes included (needs the read right)")
    @GetMapping("/{dataset}/{key}/history")
    public List<DatasetRepository.HistoryEntry> history(@AuthenticationPrincipal CallingSystem caller,
                                                       @PathVariable String dataset, @PathVariable String key) {
        return service.history(caller, dataset, key);
    }

    @Operation(summary = "Batch upsert: all rows or none; a row equal to the stored one keeps its version "
            + "(needs the write right)", description = "Each row: the declared fields (the key field required) and "
            + "an optional region (HP, HD, CENTRAL, OTHER; default: the region of the writing system's agency).")
    @ApiResponse(responseCode = "200", description = "What each row became",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UpsertAnswer.class)))
    @PostMapping(path = "/{dataset}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public UpsertAnswer upsert(@AuthenticationPrincipal CallingSystem caller, @PathVariable String dataset,
                               @RequestBody List<Map<String, Object>> rows) {
        List<DatasetService.RowOutcome> outcomes = service.upsert(caller, dataset, rows);
        long changed = outcomes.stream().filter(DatasetService.RowOutcome::changed).count();
        return new UpsertAnswer(dataset, changed, outcomes.size() - changed, outcomes);
    }

    @Schema(description = "The outcome of a batch upsert")
    public record UpsertAnswer(String dataset, long changed, long unchanged, List<DatasetService.RowOutcome> rows) {
    }

    @Operation(summary = "Delete a row (kept in its history as a delete; needs the write right)")
    @DeleteMapping("/{dataset}/{key}")
    public DatasetService.RowOutcome delete(@AuthenticationPrincipal CallingSystem caller, @PathVariable String dataset,
                                            @PathVariable String key) {
        return service.delete(caller, dataset, key);
    }
}
