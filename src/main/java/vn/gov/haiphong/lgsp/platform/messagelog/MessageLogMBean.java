package vn.gov.haiphong.lgsp.platform.messagelog;

import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/** The message log in JMX ({@code lgsp:type=MessageLog}), so Hawtio shows its state and can verify it. */
@Component
@ManagedResource(objectName = "lgsp:type=MessageLog", description = "The hash-chained message log")
public class MessageLogMBean {

    private final MessageLog messageLog;

    public MessageLogMBean(MessageLog messageLog) {
        this.messageLog = messageLog;
    }

    @ManagedAttribute(description = "Rows appended but not yet sealed into the chain (all nodes)")
    public long getUnsealedRows() {
        return messageLog.unsealedCount();
    }

    @ManagedAttribute(description = "Sequence number of the last sealed row")
    public long getHeadSeq() {
        return messageLog.head().seq();
    }

    @ManagedAttribute(description = "Hash of the last sealed row")
    public String getHeadHash() {
        return messageLog.head().hash();
    }

    @ManagedAttribute(description = "Result of the last verification on this node, from JMX or the admin API (empty before the first)")
    public String getLastVerification() {
        return messageLog.lastVerification().map(r -> r.verifiedAt() + " " + r.node() + " " + r.summary()).orElse("");
    }

    @ManagedOperation(description = "Recompute every link of the chain; answers OK with the row count or the first broken link")
    public String verify() {
        return messageLog.verify().summary();
    }

    @ManagedOperation(description = "Seal the rows appended so far now; answers how many this node sealed")
    public int seal() {
        return messageLog.seal();
    }
}
