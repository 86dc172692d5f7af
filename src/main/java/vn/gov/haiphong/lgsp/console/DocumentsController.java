package vn.gov.haiphong.lgsp.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.StoredDocument;
import vn.gov.haiphong.lgsp.exchange.document.DocumentStore;

/**
 * Document tracking: {@code /console/documents?q=…} finds a document by any identifier an
 * operator has in hand (a bookmarkable link), {@code /console/documents/{docId}} tells where it
 * stands, and an administrator may download its package (audited).
 */
@Controller
@RequestMapping("/console/documents")
public class DocumentsController {

    private final DocumentSearch search;
    private final DocumentTimeline timeline;
    private final DocumentStore store;

    public DocumentsController(DocumentSearch search, DocumentTimeline timeline, DocumentStore store) {
        this.search = search;
        this.timeline = timeline;
        this.store = store;
    }

    @GetMapping
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String system,
                  @RequestParam(required = false) String kind, @RequestParam(required = false) String state,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) String before, @RequestParam(required = false) Integer size,
                  Model model) {
        Optional<Instant> fromTime = ConsoleInputs.localTime(from);
        Optional<Instant> toTime = ConsoleInputs.localTime(to);
        model.addAttribute("q", q);
        model.addAttribute("system", system);
        model.addAttribute("kind", kind);
        model.addAttribute("state", state);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("states", DocumentSearch.State.values());
        if ((from != null && !from.isBlank() && fromTime.isEmpty()) || (to != null && !to.isBlank() && toTime.isEmpty())) {
            model.addAttribute("problem", "search.badTime");
            return "console/documents";
        }
        DocumentSearch.Result result = search.search(new DocumentSearch.Criteria(q, system, kind, state,
                fromTime.orElse(null), toTime.orElse(null), before, ConsolePage.size(size)));
        model.addAttribute("result", result);
        model.addAttribute("problem", result.problem());
        model.addAttribute("nextUrl", result.nextBefore() == null ? null
                : ConsoleFormat.urlWith("before", result.nextBefore()));
        model.addAttribute("firstUrl", before == null || before.isBlank() ? null
                : ConsoleFormat.urlWith("before", null));
        return "console/documents";
    }

    @GetMapping("/{docId}")
    String document(@PathVariable String docId, Model model, HttpServletResponse response) {
        Optional<DocumentTimeline.View> view = docId.length() > 100 ? Optional.empty() : timeline.of(docId.strip());
        if (view.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("docId", docId.length() > 100 ? docId.substring(0, 100) + "…" : docId);
            return "console/document-missing";
        }
        model.addAttribute("view", view.get());
        return "console/document";
    }

    /** ADMIN only (the security chain); every download is in the message log. */
    @GetMapping("/{docId}/package")
    ResponseEntity<byte[]> download(@PathVariable String docId, Authentication person, HttpServletRequest request) {
        Optional<StoredDocument> document = docId.length() > 100 ? Optional.empty() : store.findDocument(docId.strip());
        Optional<byte[]> content = document.flatMap(d -> store.content(d.docId()));
        if (content.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        timeline.recordDownload(document.get(), person.getName(), request.getRemoteAddr());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(document.get().docId() + ".edxml").build().toString())
                .body(content.get());
    }
}
