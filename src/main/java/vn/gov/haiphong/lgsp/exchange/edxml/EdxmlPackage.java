package vn.gov.haiphong.lgsp.exchange.edxml;

import java.util.List;
import java.util.Objects;

/**
 * What the exchange needs to know about one edXML package: who sends it, where it goes, which
 * document it is or reports on. Text is trimmed and NFC-normalised; absent optional fields are
 * null. The attachments themselves and the raw bytes are deliberately not kept here.
 *
 * @param kind                 document or status package
 * @param fromOrganId          {@code From/OrganId}, never empty
 * @param fromOrganName        {@code From/OrganName}
 * @param toOrganIds           {@code To/OrganId} in package order; at least one for documents, empty for statuses
 * @param documentId           {@code MessageHeader/DocumentId}; null for statuses (see {@link #responseFor})
 * @param code                 {@code Code} (number and notation); null when absent
 * @param subject              {@code Subject}
 * @param promulgationDate     {@code PromulgationInfo/PromulgationDate} as written (yyyy/MM/dd expected)
 * @param businessDocType      new, revoke, update or replace; NEW when absent
 * @param referencedDocumentIds for revoke/update/replace: the earlier documents' DocumentIds, each once, at
 *                             least one (ReplacementInfoList, else Bussiness/DocumentId, else the
 *                             package's own DocumentId); empty for new documents and statuses
 * @param responseFor          for statuses: the document reported on; for documents: a non-empty ResponseFor, if any
 * @param statusCode           for statuses: the status; null for documents
 * @param description          for statuses: {@code Description}
 * @param timestamp            for statuses: {@code Timestamp} as written (yyyy/MM/dd HH:mm:ss expected)
 * @param signaturePresent     whether edXMLHeader carries a Signature (either namespace); verified by
 *                             {@code security.xmldsig.PackageSignatures}, not here
 * @param attachmentCount      number of {@code AttachmentEncoded/Attachment} elements
 * @param warnings             tolerated deviations, in the order found
 */
public record EdxmlPackage(
        Kind kind,
        String fromOrganId,
        String fromOrganName,
        List<String> toOrganIds,
        String documentId,
        Code code,
        String subject,
        String promulgationDate,
        BusinessDocType businessDocType,
        List<String> referencedDocumentIds,
        ResponseFor responseFor,
        EdxmlStatusCode statusCode,
        String description,
        String timestamp,
        boolean signaturePresent,
        int attachmentCount,
        List<EdxmlWarning> warnings) {

    public enum Kind {
        DOCUMENT,
        STATUS
    }

    /** Document number and notation, e.g. 7816 and VPCP-TTĐT. */
    public record Code(String number, String notation) {
    }

    /** The document a status (or a reply document) refers to. */
    public record ResponseFor(String organId, String code, String documentId, String promulgationDate) {
    }

    public EdxmlPackage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fromOrganId, "fromOrganId");
        Objects.requireNonNull(businessDocType, "businessDocType");
        toOrganIds = List.copyOf(toOrganIds);
        referencedDocumentIds = List.copyOf(referencedDocumentIds);
        warnings = List.copyOf(warnings);
        if (kind == Kind.STATUS) {
            Objects.requireNonNull(responseFor, "a status package needs responseFor");
            Objects.requireNonNull(statusCode, "a status package needs statusCode");
        } else {
            Objects.requireNonNull(documentId, "a document package needs documentId");
            if (toOrganIds.isEmpty()) {
                throw new IllegalArgumentException("a document package needs at least one recipient");
            }
        }
    }

    /**
     * The agencies this package travels to: the To list for documents; for statuses the original
     * sender in ResponseFor (a status has no To; VDXP.md §4, inferred).
     */
    public List<String> recipients() {
        return kind == Kind.STATUS ? List.of(responseFor.organId()) : toOrganIds;
    }

    /** This package with one more warning (found after parsing, e.g. by the signature check). */
    public EdxmlPackage withWarning(EdxmlWarning warning) {
        List<EdxmlWarning> more = new java.util.ArrayList<>(warnings);
        more.add(warning);
        return new EdxmlPackage(kind, fromOrganId, fromOrganName, toOrganIds, documentId, code, subject,
                promulgationDate, businessDocType, referencedDocumentIds, responseFor, statusCode, description,
                timestamp, signaturePresent, attachmentCount, more);
    }

    public boolean hasWarning(EdxmlWarningCode code) {
        return warnings.stream().anyMatch(w -> w.code() == code);
    }

    /**
     * Why a namespace-aware parser refuses these bytes, when this lenient parse already met the
     * reason: a prefix used outside its declaration or never declared (PKG-307, PKG-308). Null when
     * it met none, which does not promise that the bytes are namespace-well-formed.
     */
    public String namespaceProblem() {
        return warnings.stream()
                .filter(w -> w.code() == EdxmlWarningCode.PREFIX_OUT_OF_SCOPE
                        || w.code() == EdxmlWarningCode.UNDECLARED_ATTRIBUTE_PREFIX)
                .map(w -> w.code().code() + ": " + w.message()).findFirst().orElse(null);
    }
}
