package vn.gov.haiphong.lgsp.exchange.vdxp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import vn.gov.haiphong.lgsp.exchange.document.DocumentExchange;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.Delivery;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.DeliveryStatus;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.DeliveryView;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.MessageType;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.Submission;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlException;
import vn.gov.haiphong.lgsp.platform.RequestSizeLimitFilter.BodyTooLargeException;
import vn.gov.haiphong.lgsp.platform.errors.DatabaseOutage;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpHashFile;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpSignature;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpSignatureException;

/**
 * The national axis's document exchange protocol at {@code /vdxp/{operation}} (VDXP.md), so that
 * agency software built on the VNPT SDK works unchanged with {@code service.endpoint=.../vdxp}.
 *
 * <p>Every call is authenticated by its signed headers ({@link VdxpAuthenticator}); parameters
 * come only from the signed JSON. GET and POST are both accepted everywhere. Every JSON answer is
 * HTTP 200 with the {@link VdxpReply} envelope, refusals included; downloadEdoc answers raw bytes,
 * or an empty 404 on any error (the SDK takes any non-empty body for the package).
 */
@RestController
@RequestMapping(VdxpController.BASE)
public class VdxpController {

    public static final String BASE = "/vdxp";
    static final String SEND_EDOC = "sendEdoc";
    static final String SERVICE_TYPE = "eDoc";

    private static final Logger log = LoggerFactory.getLogger(VdxpController.class);
    private static final MediaType JSON = new MediaType("application", "json", java.nio.charset.StandardCharsets.UTF_8);
    private static final Map<String, String> RETURNED_STATUS_LABELS = Map.of(
            "01", "Đã đến", "02", "Từ chối tiếp nhận", "03", "Đã tiếp nhận", "04", "Phân công",
            "05", "Đang xử lý", "06", "Hoàn thành", "13", "Yêu cầu lấy lại",
            "15", "Đồng ý lấy lại / cập nhật", "16", "Từ chối lấy lại / cập nhật");

    private final VdxpAuthenticator authenticator;
    private final DocumentExchange exchange;
    private final VdxpAgencyDirectory agencies;
    private final VdxpBodyLimit bodyLimit;

    VdxpController(VdxpAuthenticator authenticator, DocumentExchange exchange, VdxpAgencyDirectory agencies,
                   VdxpBodyLimit bodyLimit) {
        this.authenticator = authenticator;
        this.exchange = exchange;
        this.agencies = agencies;
        this.bodyLimit = bodyLimit;
    }

    // --- sending ------------------------------------------------------------------------------

    /**
     * The package is the body, followed by the SDK's CR LF; {@code hash-file} (signed) must match
     * it. The answer always carries {@code DocId}, {@code ""} on refusals.
     */
    @RequestMapping(path = "/" + SEND_EDOC, method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<byte[]> sendEdoc(HttpServletRequest http) {
        ObjectNode reply = handle(SEND_EDOC, http, caller -> {
            String hashFile = caller.parameter("hash-file");
            if (hashFile == null || hashFile.isBlank()) {
                throw new LgspException(ErrorCode.EXCHANGE_HASH_MISMATCH, VdxpHashFile.HEADER + " is not signed");
            }
            byte[] body = readBody(http);
            byte[] pkg = VdxpHashFile.matches(hashFile, body).orElseThrow(() -> new LgspException(
                    ErrorCode.EXCHANGE_HASH_MISMATCH, VdxpHashFile.HEADER + " does not match the body of "
                    + body.length + " bytes (with or without a trailing CR LF)"));
            Submission submission = exchange.submit(caller.system(), pkg,
                    new DocumentModel.Origin("VDXP", http.getRemoteAddr()));
            ObjectNode ok = VdxpReply.ok();
            ok.put("DocId", submission.docId());
            return ok;
        });
        if (!reply.has("DocId")) {
            reply.put("DocId", "");
        }
        return json(reply);
    }

    private byte[] readBody(HttpServletRequest http) {
        try (InputStream in = http.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, bodyLimit.maxBytes() + 1));
            if (body.length > bodyLimit.maxBytes()) {
                throw new BodyTooLargeRefusal();
            }
            return body;
        } catch (BodyTooLargeException e) {
            throw new BodyTooLargeRefusal();
        } catch (IOException e) {
            throw new EdxmlException(ErrorCode.EDXML_UNREADABLE,
                    "reading the request body failed: " + e.getClass().getSimpleName());
        }
    }

    /** The body passed the size limit while being read. */
    private static final class BodyTooLargeRefusal extends RuntimeException {
        BodyTooLargeRefusal() {
            super(null, null, false, false);
        }
    }

    // --- receiving ----------------------------------------------------------------------------

    /** The caller's pending deliveries (not yet acknowledged done), oldest first. */
    @RequestMapping(path = "/getReceivedEdocList", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<byte[]> getReceivedEdocList(HttpServletRequest http) {
        return json(handle("getReceivedEdocList", http, caller -> {
            ArrayNode data = VdxpReply.array();
            for (DeliveryView view : exchange.pending(caller.system(), messageType(caller))) {
                ObjectNode item = data.addObject();
                item.put("docId", view.document().docId());
                item.put("serviceType", SERVICE_TYPE);
                item.put("messageType", view.document().messageType().wire());
                item.put("created_time", time(view.delivery().createdAt()));
                item.put("updated_time", time(view.delivery().updatedAt()));
                item.put("from", view.document().fromCode());
                item.put("to", view.delivery().recipientCode());
                item.put("status", view.delivery().status().name().toLowerCase(Locale.ROOT));
                item.put("status_desc", view.delivery().description());
            }
            return VdxpReply.okWithData(data);
        }));
    }

    @RequestMapping(path = "/getSentEdocList", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<byte[]> getSentEdocList(HttpServletRequest http) {
        return json(handle("getSentEdocList", http, caller -> {
            ArrayNode data = VdxpReply.array();
            for (DeliveryView view : exchange.sent(caller.system(), messageType(caller), caller.parameter("docId"))) {
                Delivery delivery = view.delivery();
                ObjectNode item = data.addObject();
                item.put("serviceType", SERVICE_TYPE);
                item.put("messageType", view.document().messageType().wire());
                item.put("senderDocId", view.document().docId());
                item.put("receiverDocId", view.document().docId());
                item.put("fromCode", view.document().fromCode());
                item.put("toCode", delivery.recipientCode());
                item.put("sendStatus", delivery.senderStatus().name().toLowerCase(Locale.ROOT));
                item.put("sendStatusDesc", delivery.description());
                if (delivery.lastStatusCode() != null) {
                    item.put("receiveStatus", delivery.lastStatusCode());
                    item.put("receiveStatusDesc",
                            RETURNED_STATUS_LABELS.getOrDefault(delivery.lastStatusCode(), delivery.lastStatusCode()));
                }
                VdxpReply.text(item, "title", view.document().subject());
                VdxpReply.text(item, "notation", view.document().notation());
                item.put("sentTime", time(view.document().receivedAt()));
                if (delivery.status() == DeliveryStatus.DONE) {
                    item.put("receivedTime", time(delivery.updatedAt()));
                }
            }
            return VdxpReply.okWithData(data);
        }));
    }

    /** The package, base64 in {@code data}. {@code filePath} is the client's own folder: ignored. */
    @RequestMapping(path = "/getEdoc", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<byte[]> getEdoc(HttpServletRequest http) {
        return json(handle("getEdoc", http, caller -> {
            byte[] pkg = exchange.fetch(caller.system(), caller.parameter("docId"));
            ObjectNode ok = VdxpReply.ok();
            ok.put("data", Base64.getEncoder().encodeToString(pkg));
            return ok;
        }));
    }

    /** The package's raw bytes; any refusal is an empty 404, never a JSON body. */
    @RequestMapping(path = "/downloadEdoc", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<byte[]> downloadEdoc(HttpServletRequest http) {
        byte[][] pkg = new byte[1][];
        ObjectNode reply = handle("downloadEdoc", http, caller -> {
            pkg[0] = exchange.fetch(caller.system(), caller.parameter("docId"));
            return VdxpReply.ok();
        });
        if (pkg[0] == null || !VdxpReply.OK.equals(reply.path("status").asText())) {
            return ResponseEntity.status(404).contentLength(0).build();
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(pkg[0]);
    }

    /**
     * A recipient's acknowledgement: {@code done} or {@code fail} (or another status text, only
     * recorded). The SDK signs {@code docid} here; an exact {@code docid} wins over a
     * {@code docId} left over from an earlier call on the same client.
     */
    @RequestMapping(path = "/updateStatus", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<byte[]> updateStatus(HttpServletRequest http) {
        return json(handle("updateStatus", http, caller -> {
            exchange.acknowledge(caller.system(), caller.parameter("docid"), caller.parameter("status"));
            return VdxpReply.ok();
        }));
    }

    @RequestMapping(path = "/countReceiveEdoc", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<byte[]> countReceiveEdoc(HttpServletRequest http) {
        return json(handle("countReceiveEdoc", http, caller -> count(caller, MessageType.EDOC)));
    }

    @RequestMapping(path = "/countReceiveStatus", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<byte[]> countReceiveStatus(HttpServletRequest http) {
        return json(handle("countReceiveStatus", http, caller -> count(caller, MessageType.STATUS)));
    }

    private ObjectNode count(VdxpCaller caller, MessageType type) {
        ObjectNode ok = VdxpReply.ok();
        ok.put("count", exchange.countPending(caller.system(), type));
        return ok;
    }

    // --- the registry -------------------------------------------------------------------------

    @RequestMapping(path = "/getAgenciesList", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<byte[]> getAgenciesList(HttpServletRequest http) {
        return json(handle("getAgenciesList", http, caller -> VdxpReply.okWithData(agencies.agenciesList())));
    }

    /** {@code level} is accepted and not used: every open agency is listed. */
    @RequestMapping(path = "/getAgenciesListQD20", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<byte[]> getAgenciesListQd20(HttpServletRequest http) {
        return json(handle("getAgenciesListQD20", http, caller -> VdxpReply.okWithData(agencies.agenciesListQd20())));
    }

    @RequestMapping(path = "/getSynchronizeUnit", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<byte[]> getSynchronizeUnit(HttpServletRequest http) {
        return json(handle("getSynchronizeUnit", http, caller -> VdxpReply.okWithData(agencies.synchronizeUnit())));
    }

    /** The registry belongs to the platform's operators; clients cannot change it. */
    @RequestMapping(path = {"/registerAgency", "/deleteAgency"}, method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<byte[]> registryChange(HttpServletRequest http) {
        String operation = http.getRequestURI().substring(http.getRequestURI().lastIndexOf('/') + 1);
        return json(handle(operation, http, caller -> {
            throw new LgspException(ErrorCode.EXCHANGE_UNKNOWN_OPERATION, operation
                    + " is not served: agencies are registered by the platform's operators");
        }));
    }

    @RequestMapping(path = {"", "/", "/**"})
    ResponseEntity<byte[]> unknownOperation(HttpServletRequest http) {
        return json(VdxpReply.fail(ErrorCode.EXCHANGE_UNKNOWN_OPERATION.code(),
                ErrorCode.EXCHANGE_UNKNOWN_OPERATION.title() + ": " + printable(http.getRequestURI())));
    }

    // --- plumbing -----------------------------------------------------------------------------

    /** Authenticates, runs the operation, and turns every refusal into the envelope. */
    private ObjectNode handle(String operation, HttpServletRequest http, Function<VdxpCaller, ObjectNode> action) {
        String claimed = printable(http.getHeader(VdxpSignature.SYSTEMID_HEADER));
        try {
            return action.apply(authenticator.authenticate(http));
        } catch (VdxpSignatureException e) {
            return refused(operation, claimed, e.error().code(), e.error().title() + ": " + e.getMessage());
        } catch (EdxmlException e) {
            return refused(operation, claimed, e.error().code(), e.error().title() + ": " + e.getMessage());
        } catch (LgspException e) {
            return refused(operation, claimed, e.error().code(), e.getMessage());
        } catch (BodyTooLargeRefusal e) {
            ObjectNode tooLarge = bodyLimit.tooLarge(http.getRequestURI());
            return refused(operation, claimed, tooLarge.path("ErrorCode").asText(), tooLarge.path("ErrorDesc").asText());
        } catch (RuntimeException e) {
            if (DatabaseOutage.caused(e)) {
                DatabaseOutage.logRefusal("VDXP " + operation + " by " + claimed, e);
                return VdxpReply.fail(ErrorCode.DATABASE_UNAVAILABLE.code(), ErrorCode.DATABASE_UNAVAILABLE.title());
            }
            String incident = UUID.randomUUID().toString();
            log.error("VDXP {} by {} failed, incident {}", operation, claimed, incident, e);
            return VdxpReply.fail(ErrorCode.INTERNAL.code(), ErrorCode.INTERNAL.title() + " (incident " + incident + ")");
        }
    }

    private static ObjectNode refused(String operation, String system, String code, String description) {
        log.info("VDXP {} by {} refused: {} {}", operation, system, code, description);
        return VdxpReply.fail(code, description);
    }

    private static MessageType messageType(VdxpCaller caller) {
        return MessageType.fromWire(caller.parameter("messagetype")).orElse(null);
    }

    private static String time(Instant instant) {
        return instant == null ? "" : VdxpAgencyDirectory.TIME.format(instant);
    }

    /** A header value as a reply quotes it: printable ASCII, at most 100 characters. */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        String shown = text.length() <= 100 ? text : text.substring(0, 100) + "...";
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static ResponseEntity<byte[]> json(ObjectNode reply) {
        return ResponseEntity.ok().contentType(JSON).body(VdxpReply.bytes(reply));
    }

    /** For filters that answer before this controller runs (size limit). */
    static void writeJson(HttpServletResponse response, ObjectNode reply) throws IOException {
        byte[] bytes = VdxpReply.bytes(reply);
        response.setStatus(200);
        response.setContentType(JSON.toString());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
