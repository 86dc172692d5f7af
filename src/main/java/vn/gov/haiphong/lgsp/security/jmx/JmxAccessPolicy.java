package vn.gov.haiphong.lgsp.security.jmx;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.ObjectName;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import vn.gov.haiphong.lgsp.security.Roles;

/**
 * Who may do what through Jolokia, and so through Hawtio: Jolokia's own policy files
 * ({@link PolicyRestrictor}), chosen by the caller's role. {@code jmx/operator-access.xml} is what
 * every operator may do: read, list and search over POST, plus the read-only queries Hawtio's
 * views run; {@code jmx/admin-operations.xml} is the few operations administrators may run on
 * top. Nothing else can be written or called by anyone. Jolokia asks this policy on the request's
 * own thread, behind Spring Security, so the caller is the one in the security context.
 *
 * <p>Origins: only the platform's own. Jolokia's policy format cannot say "same origin" (its
 * {@code <cors>} matches fixed patterns), so that one check is made here against the request.
 */
public class JmxAccessPolicy implements Restrictor {

    static final String OPERATOR_POLICY = "jmx/operator-access.xml";
    static final String ADMIN_POLICY = "jmx/admin-operations.xml";

    private final PolicyRestrictor everyone;
    private final PolicyRestrictor administrators;

    public JmxAccessPolicy() {
        this.everyone = load(OPERATOR_POLICY);
        this.administrators = load(ADMIN_POLICY);
    }

    private static PolicyRestrictor load(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new PolicyRestrictor(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Jolokia policy " + resource, e);
        }
    }

    /** True when every operator may run it: a read-only query, which is not audited. */
    public boolean isQuery(ObjectName name, String operation) {
        return everyone.isOperationAllowed(name, withSignature(name, operation));
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        String exact = withSignature(name, operation);
        return verdict(everyone.isOperationAllowed(name, exact), administrators.isOperationAllowed(name, exact),
                "Operation " + exact + " on " + name);
    }

    /** Whether the caller may run it; no refusal message (Hawtio asks before it offers a button). */
    public boolean mayRun(ObjectName name, String operation) {
        String exact = withSignature(name, operation);
        return everyone.isOperationAllowed(name, exact)
                || administrators.isOperationAllowed(name, exact) && callerHas(Roles.ADMIN);
    }

    /**
     * The policies name operations with their signature, as Hawtio sends them. Jolokia also takes
     * a bare name when the MBean has one operation of that name: that one's signature is checked.
     */
    static String withSignature(ObjectName name, String operation) {
        if (operation == null || operation.contains("(")) {
            return operation;
        }
        try {
            List<MBeanOperationInfo> named = Arrays.stream(ManagementFactory.getPlatformMBeanServer().getMBeanInfo(name)
                    .getOperations()).filter(info -> info.getName().equals(operation)).toList();
            return named.size() != 1 ? operation : operation + Arrays.stream(named.get(0).getSignature())
                    .map(MBeanParameterInfo::getType).collect(Collectors.joining(",", "(", ")"));
        } catch (JMException e) {
            return operation;
        }
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return verdict(everyone.isAttributeWriteAllowed(name, attribute),
                administrators.isAttributeWriteAllowed(name, attribute), "Writing " + attribute + " of " + name);
    }

    /**
     * An operation only administrators may run, asked by someone else, is refused with a message
     * that names the role (Jolokia answers it as a 403 of that request); anything else that is
     * not allowed gets Jolokia's own refusal.
     */
    private static boolean verdict(boolean everyoneMay, boolean administratorsMay, String what) {
        if (everyoneMay) {
            return true;
        }
        if (administratorsMay) {
            if (callerHas(Roles.ADMIN)) {
                return true;
            }
            throw new SecurityException(what + " needs the " + Roles.ADMIN + " role");
        }
        return false;
    }

    private static boolean callerHas(String role) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && caller.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + role).equals(authority.getAuthority()));
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return everyone.isHttpMethodAllowed(method);
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return everyone.isTypeAllowed(type);
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return everyone.isAttributeReadAllowed(name, attribute);
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return everyone.isRemoteAccessAllowed(hostOrAddress);
    }

    /**
     * No Origin (a script, or a same-origin GET) passes; otherwise the Origin must be the
     * platform's own as this request reached it. Called with {@code strict} before every request
     * (so a foreign page's request is refused outright) and without it when CORS headers are
     * written (so no foreign origin is ever granted).
     */
    @Override
    public boolean isOriginAllowed(String origin, boolean strict) {
        if (origin == null) {
            return true;
        }
        HttpServletRequest request = currentRequest();
        return request != null && sameOrigin(origin, request);
    }

    static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin.trim());
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return request.getScheme().equalsIgnoreCase(uri.getScheme())
                    && request.getServerName().toLowerCase(Locale.ROOT).equals(String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT))
                    && request.getServerPort() == port;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return everyone.isObjectNameHidden(name);
    }
}
