package vn.gov.haiphong.lgsp.security.jmx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import vn.gov.haiphong.lgsp.platform.BodyReadRequest;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLog;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLogEntry;

/**
 * Every Jolokia write, and every exec beyond the read-only queries of
 * {@link JmxAccessPolicy#isQuery}, allowed or refused, becomes a message log row
 * ({@value #EXEC} or {@value #WRITE}; relayed to Kafka {@code lgsp.audit}): who, from which
 * address, the MBean, the operation or attribute, the arguments with secrets redacted, and
 * Jolokia's status for it. Jolokia's own request interceptors see only the calls that succeed, so
 * the request is read here, before Jolokia, and its answer after. Its body is already limited in
 * size ({@code platform.RequestSizeLimitFilter}, {@code /actuator/}).
 */
public class JmxAuditFilter extends OncePerRequestFilter {

    public static final String EXEC = "JMX_EXEC";
    public static final String WRITE = "JMX_WRITE";
    private static final Pattern SECRET = Pattern.compile("(?i).*(pass|secret|token|key|credential).*");
    private static final int MAX_TEXT = 500;
    private static final Logger log = LoggerFactory.getLogger(JmxAuditFilter.class);

    private final JmxAccessPolicy policy;
    private final MessageLog messageLog;
    private final ObjectMapper json;

    public JmxAuditFilter(JmxAccessPolicy policy, MessageLog messageLog, ObjectMapper json) {
        this.policy = policy;
        this.messageLog = messageLog;
        this.json = json;
    }

    /** One write or exec of a Jolokia request, as audited. */
    private record Change(int index, String kind, String mbean, String member, Object arguments) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            // Jolokia's GET form is refused by the policy (POST only): nothing runs, nothing to audit.
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        List<Change> changes = changes(body);
        HttpServletRequest again = new BodyReadRequest(request, body);
        if (changes.isEmpty()) {
            chain.doFilter(again, response);
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(again, answer);
        } finally {
            // Audited before the answer leaves: whoever reads the answer finds the change in the log.
            try {
                audit(request, changes, results(answer.getContentAsByteArray()));
            } finally {
                answer.copyBodyToResponse();
            }
        }
    }

    private List<Change> changes(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return List.of(); // Jolokia answers it as a bad request; nothing runs
        }
        List<Change> changes = new ArrayList<>();
        List<JsonNode> requests = root == null ? List.of() : root.isArray() ? list(root) : List.of(root);
        for (int i = 0; i < requests.size(); i++) {
            JsonNode one = requests.get(i);
            String type = one.path("type").asText("").toLowerCase(Locale.ROOT);
            String mbean = one.path("mbean").asText(null);
            if ("exec".equals(type)) {
                String operation = one.path("operation").asText(null);
                if (!isQuery(mbean, operation)) {
                    changes.add(new Change(i, EXEC, mbean, operation, redacted(operation, one.path("arguments"))));
                }
            } else if ("write".equals(type)) {
                String attribute = one.path("attribute").asText(null);
                changes.add(new Change(i, WRITE, mbean, attribute, redacted(attribute, one.path("value"))));
            }
        }
        return changes;
    }

    private boolean isQuery(String mbean, String operation) {
        try {
            return mbean != null && operation != null && policy.isQuery(new ObjectName(mbean), operation);
        } catch (MalformedObjectNameException e) {
            return false;
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private List<JsonNode> results(byte[] answer) {
        try {
            JsonNode root = json.readTree(answer);
            return root == null ? List.of() : root.isArray() ? list(root) : List.of(root);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Arguments as sent, except values under a secret-looking name, and long texts cut. */
    private Object redacted(String name, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (name != null && SECRET.matcher(name).matches()) {
            return "[redacted]";
        }
        return redact(value);
    }

    private Object redact(JsonNode value) {
        if (value.isArray()) {
            List<Object> items = new ArrayList<>();
            value.forEach(item -> items.add(redact(item)));
            return items;
        }
        if (value.isObject()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            value.properties().forEach(field -> fields.put(field.getKey(),
                    SECRET.matcher(field.getKey()).matches() ? "[redacted]" : redact(field.getValue())));
            return fields;
        }
        return MessageLog.cut(value.asText(), MAX_TEXT);
    }

    private void audit(HttpServletRequest request, List<Change> changes, List<JsonNode> results) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String actor = caller == null ? null : caller.getName();
        for (Change change : changes) {
            JsonNode result = change.index() < results.size() ? results.get(change.index()) : null;
            int status = result == null ? 0 : result.path("status").asInt(0);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("mbean", change.mbean());
            detail.put(EXEC.equals(change.kind()) ? "operation" : "attribute", change.member());
            detail.put(EXEC.equals(change.kind()) ? "arguments" : "value", change.arguments());
            detail.put("status", status);
            if (result != null && result.hasNonNull("error")) {
                detail.put("error", MessageLog.cut(result.path("error").asText(), MAX_TEXT));
            }
            detail.put("address", request.getRemoteAddr());
            try {
                messageLog.append(new MessageLogEntry(change.kind(), null, actor, null, change.mbean(), change.member(),
                        status == 200 ? "OK" : status == 403 ? "REFUSED" : "FAILED " + status, null, null, detail));
            } catch (RuntimeException e) {
                log.error("JMX audit not recorded ({} {} {} by {}): {}", change.kind(), change.mbean(), change.member(),
                        actor, e.toString());
            }
        }
    }
}
