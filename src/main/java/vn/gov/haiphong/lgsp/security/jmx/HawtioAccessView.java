package vn.gov.haiphong.lgsp.security.jmx;

import io.hawt.jmx.JMXSecurity;
import java.util.List;
import java.util.Map;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;

/**
 * Hawtio's client-side RBAC answered from {@link JmxAccessPolicy}, so Hawtio shows an operator
 * the operations it may run and greys out the rest, instead of offering buttons that are then
 * refused. Hawtio asks the ACL MBean {@code hawtio:type=security,area=jmx,*} other than its own
 * dummy, which allows everything; its questions arrive through Jolokia, on the asking person's
 * request, so the answer is for that person. It changes nothing: the policy still decides each call.
 */
public class HawtioAccessView extends JMXSecurity {

    static final String OBJECT_NAME = "hawtio:type=security,area=jmx,name=LgspJmxSecurity";

    private final JmxAccessPolicy policy;

    public HawtioAccessView(JmxAccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected String getDefaultObjectName() {
        return OBJECT_NAME;
    }

    /** Every MBean can at least be read. */
    @Override
    public boolean canInvoke(String objectName) {
        return true;
    }

    @Override
    public boolean canInvoke(String objectName, String methodName) {
        try {
            return policy.mayRun(new ObjectName(objectName), methodName);
        } catch (MalformedObjectNameException e) {
            return false;
        }
    }

    @Override
    public boolean canInvoke(String objectName, String methodName, String[] argumentTypes) {
        return canInvoke(objectName, methodName + "(" + String.join(",", argumentTypes) + ")");
    }

    @Override
    public TabularData canInvoke(Map<String, List<String>> bulkQuery) throws OpenDataException {
        TabularData table = new TabularDataSupport(CAN_INVOKE_TABULAR_TYPE);
        for (Map.Entry<String, List<String>> entry : bulkQuery.entrySet()) {
            List<String> methods = entry.getValue().isEmpty() ? List.of("") : entry.getValue();
            for (String method : methods) {
                boolean allowed = method.isEmpty() ? canInvoke(entry.getKey()) : canInvoke(entry.getKey(), method);
                table.put(new CompositeDataSupport(CAN_INVOKE_RESULT_ROW_TYPE, CAN_INVOKE_RESULT_COLUMNS,
                        new Object[] {entry.getKey(), method, allowed}));
            }
        }
        return table;
    }
}
