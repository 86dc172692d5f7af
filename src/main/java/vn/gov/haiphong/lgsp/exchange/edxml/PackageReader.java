package vn.gov.haiphong.lgsp.exchange.edxml;

import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.gov.haiphong.lgsp.registry.AgencyCode;

/**
 * Reads the routing fields out of a package DOM and checks the ones routing depends on. Runs
 * before schema validation so that the commonest refusals carry a precise code and message
 * rather than a generic schema error; the schema then checks the rest.
 */
final class PackageReader {

    /** Documents one revoke/update/replacement may name: each is looked up when the package is routed. */
    static final int MAX_REFERENCED_DOCUMENTS = 100;

    private final Element root;
    private final List<EdxmlWarning> warnings;

    PackageReader(Document dom, List<EdxmlWarning> warnings) {
        this.root = dom.getDocumentElement();
        this.warnings = warnings;
    }

    EdxmlPackage read() {
        if (!"edXML".equals(root.getLocalName()) || !EdxmlNamespaces.EDXML.equals(root.getNamespaceURI())) {
            throw new EdxmlException(ErrorCode.EDXML_NOT_EDXML, "the root element is <" + root.getNodeName()
                    + "> in namespace " + (root.getNamespaceURI() == null ? "(none)" : root.getNamespaceURI())
                    + "; expected <edXML> in " + EdxmlNamespaces.EDXML, line(root));
        }
        Element envelope = required(root, "edXMLEnvelope");
        Element header = required(envelope, "edXMLHeader");
        Element messageHeader = required(header, "MessageHeader");
        boolean status = first(messageHeader, "StatusCode") != null;

        Element from = required(messageHeader, "From");
        String fromOrganId = requiredText(from, "OrganId", "the sender's code is needed for routing");
        checkCodeForm("From/OrganId", fromOrganId, first(from, "OrganId"));
        String fromOrganName = text(first(from, "OrganName"));

        boolean signaturePresent = readSignature(header);
        int attachmentCount = countAttachments();

        if (status) {
            return readStatus(messageHeader, fromOrganId, fromOrganName, signaturePresent, attachmentCount);
        }
        return readDocument(header, messageHeader, fromOrganId, fromOrganName, signaturePresent, attachmentCount);
    }

    private EdxmlPackage readDocument(Element header, Element messageHeader, String fromOrganId, String fromOrganName,
            boolean signaturePresent, int attachmentCount) {
        List<Element> recipients = children(messageHeader, "To");
        if (recipients.isEmpty()) {
            String hint = optionalResponseFor(first(messageHeader, "ResponseFor")) == null ? ""
                    : " (if this is a status package, its <StatusCode> is missing)";
            throw new EdxmlException(ErrorCode.EDXML_MISSING_FIELD, "<MessageHeader> at line " + line(messageHeader)
                    + " has no <To>: a document package needs at least one recipient" + hint, line(messageHeader));
        }
        List<String> toOrganIds = new ArrayList<>();
        for (Element to : recipients) {
            String organId = requiredText(to, "OrganId", "every recipient's code is needed for routing");
            checkCodeForm("To/OrganId", organId, first(to, "OrganId"));
            toOrganIds.add(organId);
        }
        String documentId = requiredText(messageHeader, "DocumentId", "it identifies the document in every status");

        Element code = first(messageHeader, "Code");
        EdxmlPackage.Code documentCode = code == null ? null
                : new EdxmlPackage.Code(text(first(code, "CodeNumber")), text(first(code, "CodeNotation")));
        Element promulgation = first(messageHeader, "PromulgationInfo");
        String promulgationDate = promulgation == null ? null : text(first(promulgation, "PromulgationDate"));

        Element business = first(first(header, "TraceHeaderList"), "Bussiness");
        BusinessDocType type = businessDocType(business);
        List<String> referenced = type.refersToEarlierDocument() ? referencedDocumentIds(business, documentId)
                : List.of();

        return new EdxmlPackage(EdxmlPackage.Kind.DOCUMENT, fromOrganId, fromOrganName, toOrganIds, documentId,
                documentCode, text(first(messageHeader, "Subject")), promulgationDate, type, referenced,
                optionalResponseFor(first(messageHeader, "ResponseFor")), null, null, null, signaturePresent,
                attachmentCount, warnings);
    }

    private EdxmlPackage readStatus(Element messageHeader, String fromOrganId, String fromOrganName,
            boolean signaturePresent, int attachmentCount) {
        Element responseFor = first(messageHeader, "ResponseFor");
        if (responseFor == null) {
            throw new EdxmlException(ErrorCode.EDXML_MISSING_FIELD, "<MessageHeader> at line " + line(messageHeader)
                    + " has a StatusCode but no <ResponseFor>: a status must name the document it reports on",
                    line(messageHeader));
        }
        String organId = requiredText(responseFor, "OrganId", "the status travels back to that agency");
        checkCodeForm("ResponseFor/OrganId", organId, first(responseFor, "OrganId"));
        String documentId = requiredText(responseFor, "DocumentId", "it names the document the status is about");

        Element statusElement = first(messageHeader, "StatusCode");
        String statusText = text(statusElement);
        EdxmlStatusCode statusCode = EdxmlStatusCode.fromCode(statusText == null ? "" : statusText)
                .orElseThrow(() -> new EdxmlException(ErrorCode.EDXML_INVALID_VALUE, "<StatusCode> at line "
                        + line(statusElement) + " is '" + shorten(statusText)
                        + "'; allowed are 01-06, 13, 15 and 16", line(statusElement)));

        EdxmlPackage.ResponseFor reported = new EdxmlPackage.ResponseFor(organId, text(first(responseFor, "Code")),
                documentId, text(first(responseFor, "PromulgationDate")));
        return new EdxmlPackage(EdxmlPackage.Kind.STATUS, fromOrganId, fromOrganName, List.of(), null, null, null,
                null, BusinessDocType.NEW, List.of(), reported, statusCode, text(first(messageHeader, "Description")),
                text(first(messageHeader, "Timestamp")), signaturePresent, attachmentCount, warnings);
    }

    private BusinessDocType businessDocType(Element business) {
        Element typeElement = first(business, "BussinessDocType");
        String value = text(typeElement);
        if (value == null) {
            return BusinessDocType.NEW;
        }
        return BusinessDocType.fromCode(value).orElseThrow(() -> new EdxmlException(ErrorCode.EDXML_INVALID_VALUE,
                "<BussinessDocType> at line " + line(typeElement) + " is '" + shorten(value)
                        + "'; allowed are 0 (new), 1 (revoke), 2 (update) and 3 (replace)", line(typeElement)));
    }

    /**
     * The earlier documents a revoke, update or replacement refers to, each once: those named in
     * ReplacementInfoList (an update or replacement may name several, some repeated), else the one
     * in Bussiness/DocumentId, else the package's own header DocumentId. The national axis's
     * revocations carry no Bussiness/DocumentId: they repeat the revoked document's DocumentId.
     */
    private List<String> referencedDocumentIds(Element business, String headerDocumentId) {
        Element list = first(business, "ReplacementInfoList");
        Set<String> named = new LinkedHashSet<>();
        for (Element info : children(list, "ReplacementInfo")) {
            String id = text(first(info, "DocumentId"));
            if (id != null && named.add(id) && named.size() > MAX_REFERENCED_DOCUMENTS) {
                throw new EdxmlException(ErrorCode.EDXML_INVALID_VALUE, "<ReplacementInfoList> at line " + line(list)
                        + " names more than " + MAX_REFERENCED_DOCUMENTS + " documents", line(list));
            }
        }
        if (!named.isEmpty()) {
            return List.copyOf(named);
        }
        String id = text(first(business, "DocumentId"));
        return List.of(id != null ? id : headerDocumentId);
    }

    /** Document packages often carry an empty ResponseFor; only a filled one means something. */
    private static EdxmlPackage.ResponseFor optionalResponseFor(Element responseFor) {
        if (responseFor == null) {
            return null;
        }
        EdxmlPackage.ResponseFor value = new EdxmlPackage.ResponseFor(text(first(responseFor, "OrganId")),
                text(first(responseFor, "Code")), text(first(responseFor, "DocumentId")),
                text(first(responseFor, "PromulgationDate")));
        return value.organId() == null && value.code() == null && value.documentId() == null
                && value.promulgationDate() == null ? null : value;
    }

    private boolean readSignature(Element header) {
        boolean present = false;
        for (Node node = header.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && "Signature".equals(element.getLocalName())) {
                if (EdxmlNamespaces.XMLDSIG.equals(element.getNamespaceURI())) {
                    present = true;
                } else if (EdxmlNamespaces.EDXML.equals(element.getNamespaceURI())) {
                    present = true;
                    warnings.add(new EdxmlWarning(EdxmlWarningCode.SIGNATURE_IN_EDXML_NAMESPACE, "<Signature> at line "
                            + line(element) + " is in the edXML namespace; XML-DSig tools expect "
                            + EdxmlNamespaces.XMLDSIG));
                }
            }
        }
        return present;
    }

    private int countAttachments() {
        return children(first(root, "AttachmentEncoded"), "Attachment").size();
    }

    private void checkCodeForm(String field, String code, Element organId) {
        if (!AgencyCode.isQcvn102(code)) {
            String problem = AgencyCode.problem(code);
            warnings.add(new EdxmlWarning(EdxmlWarningCode.NON_STANDARD_ORGAN_ID, field + " '" + shorten(code)
                    + "' at line " + line(organId) + " is not a 13-character QCVN 102 code"
                    + (problem == null ? " (valid as a Decision 20/2020 code)" : " (" + problem + ")")));
        }
    }

    private static Element required(Element parent, String name) {
        Element child = first(parent, name);
        if (child == null) {
            throw new EdxmlException(ErrorCode.EDXML_MISSING_FIELD, "<" + parent.getNodeName() + "> at line "
                    + line(parent) + " has no <" + name + ">", line(parent));
        }
        return child;
    }

    private static String requiredText(Element parent, String name, String why) {
        Element child = first(parent, name);
        String value = text(child);
        if (value == null) {
            throw new EdxmlException(ErrorCode.EDXML_MISSING_FIELD, "<" + parent.getLocalName() + "/" + name + "> at line "
                    + line(child == null ? parent : child) + " is " + (child == null ? "missing" : "empty")
                    + ": " + why, line(child == null ? parent : child));
        }
        return value;
    }

    private static Element first(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (isEdxml(node, name)) {
                return (Element) node;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (isEdxml(node, name)) {
                    found.add((Element) node);
                }
            }
        }
        return found;
    }

    private static boolean isEdxml(Node node, String name) {
        return node instanceof Element && name.equals(node.getLocalName())
                && EdxmlNamespaces.EDXML.equals(node.getNamespaceURI());
    }

    /** Trimmed text, or null when absent or blank. Already NFC (see HardenedDomBuilder). */
    private static String text(Element element) {
        if (element == null) {
            return null;
        }
        String value = element.getTextContent().strip();
        return value.isEmpty() ? null : value;
    }

    private static int line(Element element) {
        Object line = element == null ? null : element.getUserData(HardenedDomBuilder.LINE_KEY);
        return line instanceof Integer number ? number : -1;
    }

    private static String shorten(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }
}
