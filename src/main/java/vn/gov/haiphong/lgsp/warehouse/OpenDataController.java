package vn.gov.haiphong.lgsp.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.platform.errors.ProblemJson;

/**
 * Open data, without authentication: the public fields of datasets that declare any, as JSON or
 * CSV, with caching headers and a per-address rate limit; and a catalogue (JSON and HTML).
 * Filters, sorting and field selection accept public fields only.
 */
@RestController
@RequestMapping("/opendata")
public class OpenDataController {

    static final String CACHE = "public, max-age=300";
    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final DatasetService service;
    private final DatasetCatalog catalog;
    private final OpenDataRateLimiter limiter;
    private final ObjectMapper json;

    public OpenDataController(DatasetService service, DatasetCatalog catalog, OpenDataRateLimiter limiter,
                              ObjectMapper json) {
        this.service = service;
        this.catalog = catalog;
        this.limiter = limiter;
        this.json = json;
    }

    @GetMapping
    public ResponseEntity<?> catalogue(HttpServletRequest request,
                                       @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch)
            throws JsonProcessingException {
        ResponseEntity<?> limited = rateLimited(request);
        if (limited != null) {
            return limited;
        }
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (DatasetDefinition definition : catalog.all()) {
            if (definition.isOpenData()) {
                datasets.add(describe(definition));
            }
        }
        return EntityTags.answer(json.writeValueAsBytes(Map.of("datasets", datasets)), MediaType.APPLICATION_JSON,
                ifNoneMatch, CACHE);
    }

    @GetMapping("/catalogue.html")
    public ResponseEntity<?> cataloguePage(HttpServletRequest request,
                                           @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        ResponseEntity<?> limited = rateLimited(request);
        if (limited != null) {
            return limited;
        }
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                + "<title>Dữ liệu mở - LGSP Hải Phòng</title></head><body>\n<h1>Dữ liệu mở thành phố Hải Phòng</h1>\n");
        for (DatasetDefinition definition : catalog.all()) {
            if (!definition.isOpenData()) {
                continue;
            }
            String name = html(definition.name());
            html.append("<section><h2>").append(html(definition.title())).append("</h2>\n");
            if (definition.description() != null) {
                html.append("<p>").append(html(definition.description())).append("</p>\n");
            }
            html.append("<p><a href=\"/opendata/").append(name).append("\">JSON</a> · <a href=\"/opendata/")
                    .append(name).append("?format=csv&amp;bom=true\">CSV</a></p>\n<table><tr><th>Trường</th><th>Kiểu</th>"
                            + "<th>Mô tả</th></tr>\n");
            for (DatasetField field : definition.publicFields()) {
                html.append("<tr><td>").append(html(field.name())).append("</td><td>")
                        .append(field.type().lowerName()).append("</td><td>")
                        .append(field.description() == null ? "" : html(field.description()))
                        .append("</td></tr>\n");
            }
            html.append("</table></section>\n");
        }
        html.append("</body></html>\n");
        return EntityTags.answer(EntityTags.utf8(html.toString()), new MediaType("text", "html",
                java.nio.charset.StandardCharsets.UTF_8), ifNoneMatch, CACHE);
    }

    @GetMapping("/{dataset}")
    public ResponseEntity<?> query(HttpServletRequest request, @PathVariable String dataset,
                                   @RequestParam MultiValueMap<String, String> params,
                                   @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch)
            throws JsonProcessingException {
        ResponseEntity<?> limited = rateLimited(request);
        if (limited != null) {
            return limited;
        }
        String format = params.getFirst("format");
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw new LgspException(ErrorCode.VALIDATION_FAILED, "format is json or csv");
        }
        DatasetService.Result result = service.openQuery(dataset, params);
        if ("csv".equals(format)) {
            byte[] csv = CsvRows.write(result.query().fields(), result.page().rows(),
                    "true".equals(params.getFirst("bom")));
            ResponseEntity<byte[]> answer = EntityTags.answer(csv, CSV, ifNoneMatch, CACHE);
            return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + result.definition().name() + ".csv\"")
                    .header("X-Total-Count", Long.toString(result.page().total()))
                    .body(answer.getBody());
        }
        return EntityTags.answer(json.writeValueAsBytes(RowViews.page(result)), MediaType.APPLICATION_JSON,
                ifNoneMatch, CACHE);
    }

    /** Escapes markup only; Vietnamese letters stay as they are (the page is UTF-8). */
    private static String html(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private Map<String, Object> describe(DatasetDefinition definition) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", definition.name());
        entry.put("title", definition.title());
        entry.put("description", definition.description());
        entry.put("owner", definition.ownerAgency());
        entry.put("key", definition.key());
        List<Map<String, Object>> fields = new ArrayList<>();
        for (DatasetField field : definition.publicFields()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", field.name());
            f.put("type", field.type().lowerName());
            f.put("description", field.description());
            fields.add(f);
        }
        entry.put("fields", fields);
        entry.put("json", "/opendata/" + definition.name());
        entry.put("csv", "/opendata/" + definition.name() + "?format=csv");
        return entry;
    }

    /** The remote address only: forwarding headers are client-controlled until a trusted proxy is configured. */
    private ResponseEntity<?> rateLimited(HttpServletRequest request) {
        long retryAfter = limiter.acquire(request.getRemoteAddr());
        if (retryAfter == 0) {
            return null;
        }
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemJson.of(ErrorCode.DATA_RATE_LIMITED, "Retry after " + retryAfter + " s", Map.of()));
    }
}
