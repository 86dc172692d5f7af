package vn.gov.haiphong.lgsp.exchange.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;

/** A SOAP client is told to retry when the database is away, and that it is not its fault. */
class SoapFaultsTest {

    @Test
    void anUnreachableDatabaseIsAServerFaultSayingRetryLater() {
        Fault failure = new Fault(new CannotCreateTransactionException("Could not open JDBC Connection",
                new SQLException("Connection refused", "08001")));
        SoapFaults.Refusal refusal = SoapFaults.classify(failure, true);
        assertThat(refusal.error()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
        SoapFault fault = SoapFaults.fault(Soap11.getInstance(), refusal);
        assertThat(fault.getFaultCode()).isEqualTo(Soap11.getInstance().getReceiver());
        assertThat(fault.getMessage()).startsWith("LGSP-503: ").contains("retry later");
    }

    @Test
    void anythingElseOfOursIsStillAnInternalError() {
        assertThat(SoapFaults.classify(new Fault(new IllegalStateException("a bug")), true).error())
                .isEqualTo(ErrorCode.INTERNAL);
    }
}
