package vn.gov.haiphong.lgsp.exchange.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.AgencyInput;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.SystemInput;
import vn.gov.haiphong.lgsp.registry.RegistryService;

/**
 * Every node consumes every target's queue: a system registered after start gets its consumer as
 * soon as the registry is reloaded — which is what another node's registry change causes here —
 * not only once this node queues something for it. Otherwise, when the node that served the new
 * system dies, its queue waits for recovery. Registry data: 000.77.75.H27.
 */
class DeliveryConsumersTest extends PlatformTestSupport {

    @Autowired
    RegistryService registry;
    @Autowired
    AgencyResolver resolver;
    @Autowired
    CamelContext camel;

    @Test
    void aNewlyRegisteredSystemIsConsumedBeforeAnythingIsQueuedForIt() {
        String unit = "000.77.75.H27";
        String system = "test.zz7775.qlvb";
        registry.createAgency(new AgencyInput(unit, "Đơn vị thử nghiệm " + unit, null, Region.HP,
                AgencyStatus.ACTIVE, null, null, null, null), "test");
        registry.createSystem(new SystemInput(system, "Phần mềm văn bản - đơn vị 7775", unit, Set.of(unit),
                Set.of(Protocol.VDXP_REST), DeliveryMode.PULL, null, SignaturePolicy.IF_PRESENT, true,
                "test-7775-secret-0123456789"), "test");
        resolver.reload();

        assertThat(camel.getRoute("delivery-" + system)).as("its delivery route").isNotNull();
        assertThat(camel.getRouteController().getRouteStatus("delivery-" + system)).isEqualTo(ServiceStatus.Started);
    }
}
