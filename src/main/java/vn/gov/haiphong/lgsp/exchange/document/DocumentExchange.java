package vn.gov.haiphong.lgsp.exchange.document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import vn.gov.haiphong.lgsp.exchange.delivery.DeliveryDispatcher;
import vn.gov.haiphong.lgsp.exchange.delivery.DeliveryRecovery;
import vn.gov.haiphong.lgsp.exchange.delivery.RoutingTable;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.Delivery;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.DeliveryStatus;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.DeliveryView;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.MessageType;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.StoredDocument;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.Submission;
import vn.gov.haiphong.lgsp.exchange.edxml.BusinessDocType;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlException;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlPackage;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlParser;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlWarning;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlWarningCode;
import vn.gov.haiphong.lgsp.platform.GroupCommit;
import vn.gov.haiphong.lgsp.platform.Sha256;
import vn.gov.haiphong.lgsp.platform.TimeOrderedIds;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLog;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLogEntry;
import vn.gov.haiphong.lgsp.registry.AgencyCode;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;
import vn.gov.haiphong.lgsp.security.xmldsig.PackageSignatures;
import vn.gov.haiphong.lgsp.security.xmldsig.SignatureResult;

/**
 * The document exchange, independent of the protocol a system speaks: accepts packages (checked,
 * routed through the registry, stored once with one delivery per recipient system), serves the
 * pending lists and the packages, and records acknowledgements. Each write and its
 * {@code lgsp.document-events} event share one transaction.
 *
 * <p>Routing rules: the sending system must act for the package's From agency (aliases
 * resolved); every To must resolve in the registry and be served by at least one connected
 * system, or the package is refused whole. A status package goes to the agency in
 * ResponseFor/OrganId and is recorded against the document it reports on, which that agency
 * must have sent to the status's From agency. A revoke, update or replacement also goes to every
 * recipient of each earlier document it names that its From agency sent here; one not found here
 * (sent before the unit came to this platform) leaves it routed by its To list, with PKG-312.
 */
@Service
public class DocumentExchange {

    public static final String TOPIC = "lgsp.document-events";
    static final int MAX_EDXML_ID = 1000;
    static final int MAX_SUBJECT = 1000;
    static final int MAX_NOTATION = 200;
    static final int MAX_REPORTED_STATUS = 50;

    private static final Logger log = LoggerFactory.getLogger(DocumentExchange.class);

    private final DocumentStore store;
    private final AgencyResolver resolver;
    private final EventOutbox events;
    private final TransactionTemplate transaction;
    private final GroupCommit groupCommit;
    private final EdxmlParser parser;
    private final PackageSignatures signatures;
    private final int listLimit;
    private final RoutingTable routingTable;
    private final DeliveryDispatcher dispatcher;
    private final MessageLog messageLog;

    public DocumentExchange(DocumentStore store, AgencyResolver resolver, EventOutbox events,
                            TransactionTemplate transaction, GroupCommit groupCommit, PackageSignatures signatures,
                            RoutingTable routingTable,
                            DeliveryDispatcher dispatcher, MessageLog messageLog,
                            @Value("${lgsp.limits.vdxp-request-body:50MB}") DataSize maxPackage,
                            @Value("${lgsp.exchange.list-limit:1000}") int listLimit) {
        this.store = store;
        this.resolver = resolver;
        this.events = events;
        this.transaction = transaction;
        this.groupCommit = groupCommit;
        this.routingTable = routingTable;
        this.dispatcher = dispatcher;
        this.parser = new EdxmlParser(EdxmlParser.Limits.defaults().withMaxPackageBytes(maxPackage.toBytes()));
        this.signatures = signatures;
        this.listLimit = listLimit;
        this.messageLog = messageLog;
    }

    // --- submission ---------------------------------------------------------------------------

    /**
     * One recipient system, the (current) agency code it receives this package for, and how the
     * routing table reaches it ({@code systemId} is the target: the recipient itself, the relay or
     * the national axis).
     */
    private record Recipient(String agencyCode, String systemId, RoutingTable.Route route, String addressedAs,
                             String servedBy, String deliveryMode) {

        /** The routing table's decision with the facts it was taken on (for the message log and events). */
        Map<String, String> describe() {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("code", agencyCode);
            facts.put("system", systemId);
            facts.put("route", route.wire());
            if (!agencyCode.equals(addressedAs)) {
                facts.put("addressedAs", addressedAs);
            }
            if (servedBy != null) {
                facts.put("servedBy", servedBy);
                facts.put("deliveryMode", deliveryMode);
            }
            return facts;
        }
    }

    /**
     * Where a checked package goes, and the earlier documents it refers to (a status: the one it
     * reports on; a revoke, update or replacement: each document it names and that was found, once),
     * and the DocumentIds a revoke, update or replacement names that were not found here.
     */
    private record Route(String fromCode, List<Recipient> recipients, StoredDocument original,
                         List<String> referencedDocIds, List<String> notFoundDocumentIds) {

        String firstReference() {
            return referencedDocIds.isEmpty() ? null : referencedDocIds.get(0);
        }
    }

    /**
     * Accepts a package from a system, or refuses it whole. The same bytes from the same system
     * again are answered with the first DocId and are neither stored nor delivered twice.
     *
     * @throws EdxmlException when the package is not acceptable edXML
     * @throws LgspException  when it cannot be routed (EXC-304/305/306/310/311), or its signature
     *                        does not meet the sender's REQUIRED policy (PKG-221/222/223)
     */
    public Submission submit(ConnectedSystem sender, byte[] pkg, DocumentModel.Origin origin) {
        String sha256 = Sha256.hex(pkg);
        Optional<StoredDocument> earlier = store.findBySenderAndHash(sender.systemId(), sha256);
        if (earlier.isPresent()) {
            return replay(earlier.get());
        }
        EdxmlPackage parsedAlone = parser.parse(pkg);
        SignatureResult signature = signatures.check(sender, pkg, parsedAlone.signaturePresent(),
                parsedAlone.namespaceProblem());
        Route route = route(sender, parsedAlone);
        EdxmlPackage parsed = withReferenceWarning(withSignatureWarning(parsedAlone, signature), route);
        Submission accepted;
        try {
            // Group-committed with the other packages being accepted now: answered once durable.
            accepted = groupCommit.execute(() -> store(sender, parsed, route, pkg, sha256, signature, origin));
        } catch (DuplicateKeyException e) {
            // The same package arrived twice at once; the other request stored it first.
            return store.findBySenderAndHash(sender.systemId(), sha256).map(this::replay).orElseThrow(() -> e);
        }
        // Durable from here on: the claim checks go to the targets' queues before the client hears
        // "accepted". Should this process die in between, or Artemis not answer, recovery sends
        // them (DeliveryRecovery); the document is accepted either way.
        dispatcher.enqueueAccepted(accepted.docId(), route.recipients().stream().map(Recipient::systemId).toList());
        return accepted;
    }

    /** An INVALID signature accepted under IF_PRESENT travels on as a warning (PKG-310/311). */
    private static EdxmlPackage withSignatureWarning(EdxmlPackage parsed, SignatureResult signature) {
        if (!signature.is(SignatureResult.Status.INVALID)) {
            return parsed;
        }
        EdxmlWarningCode code = signature.problem() == SignatureResult.Problem.SIGNER_NOT_TRUSTED
                ? EdxmlWarningCode.SIGNER_NOT_TRUSTED : EdxmlWarningCode.SIGNATURE_DOES_NOT_VERIFY;
        return parsed.withWarning(new EdxmlWarning(code, signature.reason()));
    }

    /**
     * A revoke, update or replacement naming a document not sent here travels on, routed by its To
     * list, with a warning (PKG-312): a unit cut over from the old LGSP or the national axis revokes
     * documents it sent before, whose originals only its To agencies know.
     */
    private static EdxmlPackage withReferenceWarning(EdxmlPackage parsed, Route route) {
        if (route.notFoundDocumentIds().isEmpty()) {
            return parsed;
        }
        return parsed.withWarning(new EdxmlWarning(EdxmlWarningCode.REFERENCED_DOCUMENT_NOT_FOUND, "BussinessDocType "
                + parsed.businessDocType().code() + " (" + parsed.businessDocType().name().toLowerCase(Locale.ROOT)
                + ") names DocumentId " + String.join(", ", route.notFoundDocumentIds().stream()
                .map(id -> "'" + id + "'").toList()) + ", but " + route.fromCode()
                + " sent no document with it here; routed by its To list only"));
    }

    private Submission replay(StoredDocument document) {
        log.info("Package replayed by {}: already accepted as {}", document.senderSystem(), document.docId());
        return new Submission(document.docId(), document.messageType(), true);
    }

    private Route route(ConnectedSystem sender, EdxmlPackage parsed) {
        RegistrySnapshot registry = resolver.snapshot();
        String fromCode = registry.resolve(parsed.fromOrganId()).map(r -> r.agency().code()).orElse(null);
        if (fromCode == null || !sender.mayActFor(fromCode)) {
            throw new LgspException(ErrorCode.EXCHANGE_FROM_NOT_ALLOWED, "System " + sender.systemId()
                    + " may not send for From " + shorten(parsed.fromOrganId(), 40)
                    + (fromCode == null ? " (no agency in the registry has this code)" : ""));
        }
        if (parsed.kind() == EdxmlPackage.Kind.STATUS) {
            return statusRoute(registry, parsed, fromCode);
        }
        checkLength(parsed.documentId(), "DocumentId");
        Map<String, Recipient> bySystem = new LinkedHashMap<>();
        for (String to : parsed.toOrganIds()) {
            // One delivery per target system: a relay or the national axis gets the package once,
            // and delivers it to every To it serves itself.
            for (Recipient recipient : recipients(registry, to, MessageType.EDOC)) {
                bySystem.putIfAbsent(recipient.systemId(), recipient);
            }
        }
        List<String> referenced = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        for (String documentId : parsed.referencedDocumentIds()) {
            Optional<StoredDocument> found = earlierDocument(documentId, fromCode);
            if (found.isEmpty()) {
                notFound.add(documentId);
                continue;
            }
            StoredDocument earlier = found.get();
            referenced.add(earlier.docId());
            // A revoke, update or replacement reaches everyone who got the original, even a
            // recipient its To list forgot (each as routed today: a unit may have been cut over).
            for (DocumentModel.Delivery delivery : store.deliveriesOf(earlier.docId())) {
                for (Recipient recipient : recipients(registry, delivery.recipientCode(), MessageType.EDOC)) {
                    bySystem.putIfAbsent(recipient.systemId(), recipient);
                }
            }
        }
        // Each shortened (as in refusal texts): 100 DocumentIds of 1000 characters would bloat the event and log.
        return new Route(fromCode, List.copyOf(bySystem.values()), null, List.copyOf(referenced),
                notFound.stream().map(id -> shorten(id, 80)).toList());
    }

    /**
     * The document a revoke, update or replacement names: one its From agency sent here with that
     * DocumentId. A revocation or update may repeat the DocumentId of what it refers to, so the
     * newest new document (BussinessDocType 0) with it wins over the newest package of any kind.
     * Another agency's document with the same DocumentId is never it.
     */
    private Optional<StoredDocument> earlierDocument(String documentId, String fromCode) {
        checkLength(documentId, "The referenced DocumentId");
        List<StoredDocument> sent = store.findDocumentsByEdxmlId(documentId, fromCode);
        return sent.stream().filter(d -> Integer.valueOf(BusinessDocType.NEW.code()).equals(d.businessDocType()))
                .findFirst().or(() -> sent.stream().findFirst());
    }

    private Route statusRoute(RegistrySnapshot registry, EdxmlPackage parsed, String fromCode) {
        EdxmlPackage.ResponseFor responseFor = parsed.responseFor();
        String originalSender = resolveRecipient(registry, responseFor.organId());
        String documentId = responseFor.documentId();
        if (documentId == null || documentId.isBlank()) {
            throw new LgspException(ErrorCode.EXCHANGE_STATUS_UNKNOWN_DOCUMENT,
                    "The status names no ResponseFor/DocumentId");
        }
        checkLength(documentId, "ResponseFor/DocumentId");
        List<StoredDocument> candidates = store.findDocumentsByEdxmlId(documentId, originalSender);
        if (candidates.isEmpty()) {
            throw new LgspException(ErrorCode.EXCHANGE_STATUS_UNKNOWN_DOCUMENT, "No document "
                    + shorten(documentId, 80) + " was sent here by " + originalSender);
        }
        StoredDocument original = candidates.stream()
                .filter(d -> store.deliveriesOf(d.docId()).stream().anyMatch(v -> v.recipientCode().equals(fromCode)))
                .findFirst()
                .orElseThrow(() -> new LgspException(ErrorCode.EXCHANGE_STATUS_NOT_RECIPIENT, "Document "
                        + shorten(documentId, 80) + " was not sent to " + fromCode));
        Map<String, Recipient> bySystem = new LinkedHashMap<>();
        for (Recipient recipient : recipients(registry, responseFor.organId(), MessageType.STATUS)) {
            bySystem.putIfAbsent(recipient.systemId(), recipient);
        }
        return new Route(fromCode, List.copyOf(bySystem.values()), original, List.of(original.docId()), List.of());
    }

    /**
     * Who receives for one addressed code, as the routing table decides from the registry's
     * facts. Refuses the whole package when a code is unknown, unserved or unroutable.
     */
    private List<Recipient> recipients(RegistrySnapshot registry, String asWritten, MessageType type) {
        String normalized = AgencyCode.normalize(asWritten);
        Optional<RegistrySnapshot.Resolution> resolution = registry.resolve(asWritten);
        if (resolution.isEmpty()) {
            boolean inCity = isInCity(normalized);
            Optional<RoutingTable.Decision> decision = !AgencyCode.isValid(normalized) ? Optional.empty()
                    : routingTable.decide(new RoutingTable.Facts(normalized, false, inCity, null, null, type.wire()));
            if (decision.isEmpty()) {
                throw new LgspException(ErrorCode.EXCHANGE_UNKNOWN_RECIPIENT,
                        "Recipient " + shorten(asWritten, 40) + " is not in the registry");
            }
            String target = decision.get().targetSystem();
            if (registry.system(target).filter(ConnectedSystem::enabled).isEmpty()) {
                throw new LgspException(ErrorCode.EXCHANGE_UNKNOWN_RECIPIENT, "Recipient " + shorten(asWritten, 40)
                        + " is not in the registry, and its route " + decision.get().route().wire() + " names system "
                        + target + ", which is not registered or is disabled");
            }
            return List.of(new Recipient(normalized, target, decision.get().route(), asWritten, null, null));
        }
        String code = resolution.get().agency().code();
        List<Recipient> recipients = new ArrayList<>();
        for (ConnectedSystem system : servingSystems(registry, code, asWritten)) {
            RoutingTable.Decision decision = routingTable.decide(new RoutingTable.Facts(code, true, isInCity(code),
                    system.systemId(), system.deliveryMode().name(), type.wire())).orElseThrow(() -> new LgspException(
                    ErrorCode.EXCHANGE_UNROUTABLE, "The routing table gives no route to " + code + " through "
                    + system.systemId() + " (delivery mode " + system.deliveryMode() + ")"));
            recipients.add(new Recipient(code, decision.targetSystem(), decision.route(), asWritten,
                    system.systemId(), system.deliveryMode().name()));
        }
        return recipients;
    }

    private static boolean isInCity(String code) {
        String levelOne = AgencyCode.levelOne(code);
        return AgencyCode.HAI_PHONG.equals(levelOne) || AgencyCode.CLOSED_HAI_DUONG.equals(levelOne);
    }

    private static String resolveRecipient(RegistrySnapshot registry, String code) {
        return registry.resolve(code).map(r -> r.agency().code()).orElseThrow(() -> new LgspException(
                ErrorCode.EXCHANGE_UNKNOWN_RECIPIENT, "Recipient " + shorten(code, 40) + " is not in the registry"));
    }

    private static List<ConnectedSystem> servingSystems(RegistrySnapshot registry, String code, String asWritten) {
        List<ConnectedSystem> systems = registry.systemsFor(code);
        if (systems.isEmpty()) {
            throw new LgspException(ErrorCode.EXCHANGE_RECIPIENT_UNSERVED, "No connected system receives for "
                    + code + (code.equals(asWritten) ? "" : " (" + shorten(asWritten, 40) + ")"));
        }
        return systems;
    }

    private static void checkLength(String value, String field) {
        if (value != null && value.length() > MAX_EDXML_ID) {
            throw new EdxmlException(ErrorCode.EDXML_INVALID_VALUE,
                    field + " is longer than " + MAX_EDXML_ID + " characters");
        }
    }

    private Submission store(ConnectedSystem sender, EdxmlPackage parsed, Route route, byte[] pkg, String sha256,
                             SignatureResult signature, DocumentModel.Origin origin) {
        Instant now = Instant.now();
        boolean status = parsed.kind() == EdxmlPackage.Kind.STATUS;
        MessageType type = status ? MessageType.STATUS : MessageType.EDOC;
        String docId = TimeOrderedIds.uuid7();
        StoredDocument document = new StoredDocument(docId, sender.systemId(), route.fromCode(), type,
                status ? null : parsed.businessDocType().code(),
                status ? parsed.responseFor().documentId() : parsed.documentId(), route.firstReference(),
                status ? parsed.statusCode().code() : null, shorten(parsed.subject(), MAX_SUBJECT),
                parsed.code() == null ? null : shorten(parsed.code().notation(), MAX_NOTATION), sha256, pkg.length, now);
        store.insertDocument(document, pkg);
        if (!status) {
            store.insertReferences(docId, route.referencedDocIds());
        }
        Instant recheck = now.plus(DeliveryRecovery.CLAIM_CHECK_GRACE);
        for (Recipient recipient : route.recipients()) {
            store.insertDelivery(docId, recipient.agencyCode(), recipient.systemId(), recipient.route().wire(),
                    recipient.systemId(), now, recheck);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageType", type.wire());
        data.put("senderSystem", sender.systemId());
        data.put("from", route.fromCode());
        List<Map<String, String>> recipients = route.recipients().stream().map(Recipient::describe).toList();
        data.put("recipients", recipients);
        putIfPresent(data, "edxmlDocumentId", document.edxmlDocumentId());
        putIfPresent(data, "businessDocType", document.businessDocType());
        putIfPresent(data, "referencedDocId", document.referencedDocId());
        if (!status && !route.referencedDocIds().isEmpty()) {
            data.put("referencedDocIds", route.referencedDocIds());
        }
        if (!route.notFoundDocumentIds().isEmpty()) {
            data.put("notFoundDocumentIds", route.notFoundDocumentIds());
        }
        putIfPresent(data, "statusCode", document.statusCode());
        data.put("sha256", sha256);
        data.put("sizeBytes", pkg.length);
        List<String> warnings = parsed.warnings().stream().map(w -> w.code().code()).distinct().toList();
        data.put("warnings", warnings);
        data.putAll(signature.eventData());
        events.append(TOPIC, "DOCUMENT_ACCEPTED", docId, sender.systemId(), data);
        events.append(TOPIC, "DOCUMENT_ROUTED", docId, sender.systemId(), Map.of("deliveries", recipients.stream()
                .map(r -> Map.of("code", r.get("code"), "system", r.get("system"), "route", r.get("route"),
                        "queue", DeliveryDispatcher.queueOf(r.get("system")))).toList()));
        messageLog.append(new MessageLogEntry("EXCHANGE_ACCEPTED", docId, sender.systemId(), route.fromCode(),
                String.join(",", route.recipients().stream().map(Recipient::agencyCode).distinct().toList()),
                String.join(",", route.recipients().stream().map(r -> r.route().wire()).distinct().toList()),
                "OK", sha256, (long) pkg.length, acceptedDetail(type, route, recipients, warnings, signature, origin)));
        if (status) {
            StoredDocument original = route.original();
            store.recordReturnedStatus(original.docId(), route.fromCode(), document.statusCode(), now);
            Map<String, Object> statusData = new LinkedHashMap<>();
            statusData.put("statusDocId", docId);
            statusData.put("statusCode", document.statusCode());
            statusData.put("from", route.fromCode());
            statusData.put("to", original.fromCode());
            putIfPresent(statusData, "description", shorten(parsed.description(), MAX_SUBJECT));
            events.append(TOPIC, "DOCUMENT_STATUS", original.docId(), sender.systemId(), statusData);
        }
        log.info("Accepted {} {} from {} ({}) for {}; signature {}; warnings {}", type.wire(), docId, route.fromCode(),
                sender.systemId(), route.recipients(), signature.status(),
                parsed.warnings().stream().map(EdxmlWarning::toString).toList());
        return new Submission(docId, type, false);
    }

    /**
     * What the message log keeps of an acceptance: how the package came in, what the routing table
     * decided for each recipient and on which facts (the code as addressed, e.g. an H26 alias, the
     * system the registry has serving it and its delivery mode), and the signature's verdict.
     */
    private static Map<String, Object> acceptedDetail(MessageType type, Route route,
                                                      List<Map<String, String>> routing, List<String> warnings,
                                                      SignatureResult signature, DocumentModel.Origin origin) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("messageType", type.wire());
        detail.put("recipientSystems", route.recipients().stream().map(Recipient::systemId).toList());
        detail.put("routing", routing);
        if (origin != null) {
            detail.put("protocol", origin.protocol());
            putIfPresent(detail, "clientAddress", origin.address());
        }
        detail.put("signature", signature.status().name());
        putIfPresent(detail, "signatureProblem", signature.problem() == null ? null : signature.problem().name());
        putIfPresent(detail, "signer", signature.signer());
        if (!warnings.isEmpty()) {
            detail.put("warnings", warnings);
        }
        if (!route.notFoundDocumentIds().isEmpty()) {
            detail.put("notFoundDocumentIds", route.notFoundDocumentIds());
        }
        return detail;
    }

    // --- fetching and acknowledging -----------------------------------------------------------

    /** A package for a system it was sent to, or that sent it. */
    public byte[] fetch(ConnectedSystem system, String docId) {
        StoredDocument document = requireVisible(system, docId);
        // The first fetch by a recipient: the console tells a target that stopped fetching.
        store.markFetched(document.docId(), system.systemId(), Instant.now());
        return store.content(document.docId()).orElseThrow(() -> new IllegalStateException(
                "document " + docId + " has no content row"));
    }

    private StoredDocument requireVisible(ConnectedSystem system, String docId) {
        StoredDocument document = requireDocument(docId);
        if (!document.senderSystem().equals(system.systemId())
                && store.findDelivery(document.docId(), system.systemId()).isEmpty()) {
            throw new LgspException(ErrorCode.EXCHANGE_NOT_YOUR_DOCUMENT,
                    "Document " + document.docId() + " was not sent to or by " + system.systemId());
        }
        return document;
    }

    private StoredDocument requireDocument(String docId) {
        if (docId == null || docId.isBlank()) {
            throw new LgspException(ErrorCode.EXCHANGE_PARAMETER_INVALID, "docId is missing");
        }
        return store.findDocument(docId.strip()).orElseThrow(() -> new LgspException(
                ErrorCode.EXCHANGE_UNKNOWN_DOCUMENT, "No document has DocId " + shorten(docId.strip(), 40)));
    }

    /**
     * A recipient's updateStatus: {@code done} takes the document out of its pending list for good;
     * {@code fail} keeps it there and counts the attempt; any other status text is recorded only.
     * Acknowledging a DONE delivery again changes nothing.
     *
     * @return the delivery as it stands afterwards
     */
    public Delivery acknowledge(ConnectedSystem system, String docId, String reportedStatus) {
        String status = reportedStatus == null ? "" : reportedStatus.strip().toLowerCase(Locale.ROOT);
        if (status.isEmpty() || status.length() > MAX_REPORTED_STATUS) {
            throw new LgspException(ErrorCode.EXCHANGE_PARAMETER_INVALID,
                    "status is missing or longer than " + MAX_REPORTED_STATUS + " characters");
        }
        StoredDocument document = requireDocument(docId);
        return transaction.execute(tx -> {
            Delivery delivery = store.findDelivery(document.docId(), system.systemId())
                    .orElseThrow(() -> new LgspException(ErrorCode.EXCHANGE_NOT_YOUR_DOCUMENT,
                            "Document " + document.docId() + " was not sent to " + system.systemId()));
            DeliveryStatus next = switch (status) {
                case "done" -> DeliveryStatus.DONE;
                case "fail" -> DeliveryStatus.FAIL;
                default -> delivery.status();
            };
            int addAttempts = status.equals("fail") ? 1 : 0;
            Instant now = Instant.now();
            if (!store.acknowledge(delivery.id(), next, addAttempts, status, now)) {
                return delivery; // already DONE: final
            }
            Delivery updated = store.findDelivery(document.docId(), system.systemId()).orElseThrow();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("recipientSystem", system.systemId());
            data.put("recipientCode", updated.recipientCode());
            data.put("reportedStatus", status);
            data.put("deliveryStatus", updated.status().name());
            data.put("attempts", updated.attempts());
            events.append(TOPIC, "DOCUMENT_ACKNOWLEDGED", document.docId(), system.systemId(), data);
            messageLog.append(new MessageLogEntry("EXCHANGE_ACKNOWLEDGED", document.docId(), system.systemId(),
                    document.fromCode(), updated.recipientCode(), null, updated.status().name(), document.sha256(),
                    null, Map.of("reportedStatus", status, "attempts", updated.attempts())));
            return updated;
        });
    }

    // --- lists --------------------------------------------------------------------------------

    public List<DeliveryView> pending(ConnectedSystem system, MessageType type) {
        return store.pendingFor(system.systemId(), type, listLimit);
    }

    public long countPending(ConnectedSystem system, MessageType type) {
        return store.countPending(system.systemId(), type);
    }

    public List<DeliveryView> sent(ConnectedSystem system, MessageType type, String docId) {
        String id = docId == null || docId.isBlank() ? null : docId.strip();
        return store.sentBy(system.systemId(), type, id, listLimit);
    }

    // --- helpers ------------------------------------------------------------------------------

    private static void putIfPresent(Map<String, Object> data, String key, Object value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    /** At most {@code max} chars, ending in "…" when cut; never splits a surrogate pair. */
    static String shorten(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
