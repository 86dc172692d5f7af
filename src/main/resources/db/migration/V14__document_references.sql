-- Every earlier document a revocation, update or replacement refers to: a replacement may name
-- several, and each of them shows it in its timeline (DocumentStore.documentsReferringTo).
-- document.referenced_doc_id keeps the first of them, and the document a status reports on.
CREATE TABLE document_reference (
    doc_id             VARCHAR(36)   NOT NULL REFERENCES document (doc_id) ON DELETE CASCADE,
    referenced_doc_id  VARCHAR(36)   NOT NULL REFERENCES document (doc_id) ON DELETE CASCADE,
    CONSTRAINT document_reference_pk PRIMARY KEY (doc_id, referenced_doc_id)
);
CREATE INDEX document_reference_referenced_ix ON document_reference (referenced_doc_id);
