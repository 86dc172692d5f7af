package vn.gov.haiphong.lgsp.security.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLog;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLogEntry;

/** A Jolokia change is in the message log before its answer leaves for the client. */
class JmxAuditFilterTest {

    final MessageLog messageLog = mock(MessageLog.class);
    final JmxAuditFilter filter = new JmxAuditFilter(new JmxAccessPolicy(), messageLog, new ObjectMapper());

    @Test
    void theChangeIsAuditedBeforeTheAnswerIsWritten() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/actuator/jolokia");
        request.setContent("""
                {"type":"write","mbean":"org.apache.camel:type=context,name=\\"lgsp\\"","attribute":"Tracing","value":true}
                """.getBytes(StandardCharsets.UTF_8));
        List<Integer> logRowsAtEachWrite = new ArrayList<>();
        MockHttpServletResponse client = new MockHttpServletResponse() {
            @Override
            public ServletOutputStream getOutputStream() {
                ServletOutputStream body = super.getOutputStream();
                // Each write to the client notes how many log rows exist by then.
                return new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        logRowsAtEachWrite.add(mockingDetails(messageLog).getInvocations().size());
                        body.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        logRowsAtEachWrite.add(mockingDetails(messageLog).getInvocations().size());
                        body.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                    }
                };
            }
        };
        filter.doFilter(request, client, (req, res) -> res.getOutputStream()
                .write("{\"status\":200,\"value\":false}".getBytes(StandardCharsets.UTF_8)));

        verify(messageLog).append(any(MessageLogEntry.class));
        assertThat(logRowsAtEachWrite).as("log rows written at each write of the answer").isNotEmpty()
                .allMatch(rows -> rows == 1);
        assertThat(client.getContentAsString()).isEqualTo("{\"status\":200,\"value\":false}");
    }
}
