package vn.gov.haiphong.lgsp.warehouse.sync;

/**
 * A Hải Dương change record that can never be applied as it is (a poison record): it goes to
 * the dead-letter topic with {@link #reason()} and the stream goes on. Other failures (database
 * down, a lock conflict) are not poison: the record is retried from the committed offset.
 */
public class HdRecordException extends RuntimeException {

    /** Why a record was dead-lettered; the {@code lgsp-dlt-reason} header carries the name. */
    public enum Reason {
        /** Not a JSON object of the documented shape (or over the size limit). */
        UNPARSEABLE,
        /** The topic (or file) names no declared dataset. */
        UNKNOWN_DATASET,
        /** The dataset is declared but has no {@code hdSync} mapping. */
        NOT_SYNCED,
        /** A field, code or value cannot be mapped onto the dataset (unmapped HD field, unknown agency or value code, wrong type). */
        MAPPING_FAILED
    }

    private final Reason reason;

    public HdRecordException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
