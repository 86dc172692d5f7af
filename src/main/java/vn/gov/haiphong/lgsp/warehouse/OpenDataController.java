package vn.gov.haiphong.lgsp.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
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
@Tag(name = "open-data", description = "Public fields of public datasets, without login")
public class OpenDataController {

    static final String CACHE = "public, max-age=300";
    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final DatasetService service;
    private final DatasetCatalog catalog;
    private final OpenDataRateLimiter limiter;
    private final QueryLimits limits;
    private final ObjectMapper json;

    public OpenDataController(DatasetService service, DatasetCatalog catalog, OpenDataRateLimiter limiter,
                              QueryLimits limits, ObjectMapper json) {
        this.service = service;
        this.limits = limits;
        this.catalog = catalog;
        this.limiter = limiter;
        this.json = json;
    }

    @Schema(description = "The open datasets")
    public record Catalogue(List<CatalogueEntry> datasets) {
    }

    @Schema(description = "An open dataset: what it holds, its public fields, and where to read it")
    public record CatalogueEntry(String name, String title, @Schema(types = {"string", "null"}) String description,
                                 @Schema(description = "The owner agency's code") String owner,
                                 @Schema(description = "The key field") String key, List<CatalogueField> fields,
                                 @Schema(example = "/opendata/administrative-units") String json,
                                 @Schema(example = "/opendata/administrative-units?format=csv") String csv) {
    }

    @Schema(description = "A public field")
    public record CatalogueField(String name, @Schema(allowableValues = {"string", "integer", "date", "boolean"})
                                 String type, @Schema(types = {"string", "null"}) String description) {
    }

    @Operation(summary = "The catalogue of open datasets, with their public fields (HTML: /opendata/catalogue.html)")
    @ApiResponse(responseCode = "200", description = "The catalogue (ETag, Cache-Control public, max-age=300)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Catalogue.class)))
    @ApiResponse(responseCode = "304", description = "Not modified (If-None-Match)", content = @Content)
    @GetMapping
    public ResponseEntity<?> catalogue(HttpServletRequest request,
                                       @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch)
            throws JsonProcessingException {
        ResponseEntity<?> limited = rateLimited(request);
        if (limited != null) {
            return limited;
        }
        List<CatalogueEntry> datasets = catalog.all().stream().filter(DatasetDefinition::isOpenData)
                .map(OpenDataController::describe).toList();
        return EntityTags.answer(json.writeValueAsBytes(new Catalogue(datasets)), MediaType.APPLICATION_JSON,
                ifNoneMatch, CACHE);
    }

    @Operation(summary = "The catalogue as a web page (Vietnamese)")
    @ApiResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
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

    @Operation(summary = "Query an open dataset's public fields, as JSON or CSV",
            description = "Query parameters other than format, bom, sort, page, size and fields are filters "
                    + "(exact match) and must name public fields.")
    @QueryParameters
    @Parameter(name = "format", in = ParameterIn.QUERY, schema = @Schema(allowableValues = {"json", "csv"},
            defaultValue = "json"))
    @Parameter(name = "bom", in = ParameterIn.QUERY, description = "CSV for spreadsheets: a byte-order mark, and a "
            + "leading ' on text cells starting with =, +, - or @", schema = @Schema(type = "boolean"))
    @ApiResponse(responseCode = "200", description = "A page of rows (ETag; CSV with X-Total-Count)", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = RowViews.Page.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "304", description = "Not modified (If-None-Match)", content = @Content)
    @ApiResponse(responseCode = "429", description = "DATA-408: this address has spent its budget (a query costs 1, "
            + "plus 1 per filter and sort field); Retry-After", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "DATA-418: the query ran longer than allowed; Retry-After",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/{dataset}")
    public ResponseEntity<?> query(HttpServletRequest request, @PathVariable String dataset,
                                   @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
                                   @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch)
            throws JsonProcessingException {
        ResponseEntity<?> limited = rateLimited(request, DatasetQueryParser.cost(params, limits));
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

    private static CatalogueEntry describe(DatasetDefinition definition) {
        List<CatalogueField> fields = definition.publicFields().stream()
                .map(f -> new CatalogueField(f.name(), f.type().lowerName(), f.description())).toList();
        return new CatalogueEntry(definition.name(), definition.title(), definition.description(),
                definition.ownerAgency(), definition.key(), fields, "/opendata/" + definition.name(),
                "/opendata/" + definition.name() + "?format=csv");
    }

    /** The remote address only: forwarding headers are client-controlled until a trusted proxy is configured. */
    private ResponseEntity<?> rateLimited(HttpServletRequest request) {
        return rateLimited(request, 1);
    }

    private ResponseEntity<?> rateLimited(HttpServletRequest request, int cost) {
        long retryAfter = limiter.acquire(request.getRemoteAddr(), cost);
        if (retryAfter == 0) {
            return null;
        }
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemJson.of(ErrorCode.DATA_RATE_LIMITED, "Retry after " + retryAfter + " s", Map.of()));
    }
}
