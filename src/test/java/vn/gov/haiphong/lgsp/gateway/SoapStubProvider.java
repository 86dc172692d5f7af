package vn.gov.haiphong.lgsp.gateway;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.servlet.ServletConfig;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

/**
 * A real legacy SOAP provider for gateway tests: a CXF JAX-WS endpoint (the old Hải Dương
 * LGSP's unit lookup) in an embedded Tomcat of its own on a free port, as SOAP 1.1 at
 * {@code /ws/donvi} and SOAP 1.2 at {@code /ws/donvi12}. Unit code {@code SLOW} answers after
 * two seconds; an unknown code is a SOAP fault.
 */
public final class SoapStubProvider implements AutoCloseable {

    public static final String NS = "urn:hd-lgsp:donvi";

    /** The unit record the legacy service returns. */
    public static class DonVi {
        public String ma;
        public String ten;
        public String vung;
    }

    @WebService(targetNamespace = NS, name = "DonViPort")
    public interface DonViService {
        @WebMethod(operationName = "LayThongTinDonVi", action = NS + "/LayThongTinDonVi")
        @WebResult(name = "donVi")
        DonVi layThongTinDonVi(@WebParam(name = "maDonVi") String maDonVi);
    }

    public static class DonViImpl implements DonViService {
        final AtomicInteger calls;

        DonViImpl(AtomicInteger calls) {
            this.calls = calls;
        }

        @Override
        public DonVi layThongTinDonVi(String maDonVi) {
            calls.incrementAndGet();
            if ("SLOW".equals(maDonVi)) {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!maDonVi.endsWith(".H26") && !"SLOW".equals(maDonVi)) {
                throw new IllegalArgumentException("Khong tim thay don vi " + maDonVi);
            }
            DonVi d = new DonVi();
            d.ma = maDonVi;
            d.ten = "Don vi " + maDonVi;
            d.vung = "HD";
            return d;
        }
    }

    private final Tomcat tomcat;
    public final AtomicInteger calls = new AtomicInteger();

    public SoapStubProvider() throws Exception {
        File base = Files.createTempDirectory("soap-stub").toFile();
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(0);
        tomcat.getService().setName("soap-stub");
        tomcat.getEngine().setName("soap-stub");
        tomcat.getConnector();
        Context context = tomcat.addContext("", base.getAbsolutePath());
        CXFNonSpringServlet servlet = new CXFNonSpringServlet() {
            @Override
            protected void loadBus(ServletConfig config) {
                setBus(BusFactory.newInstance().createBus());
                Bus bus = getBus();
                publish(bus, "/donvi", null);
                publish(bus, "/donvi12", SOAPBinding.SOAP12HTTP_BINDING);
            }
        };
        Tomcat.addServlet(context, "cxf", servlet).setLoadOnStartup(1);
        context.addServletMappingDecoded("/ws/*", "cxf");
        tomcat.start();
    }

    private void publish(Bus bus, String address, String binding) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(DonViService.class);
        factory.setServiceBean(new DonViImpl(calls));
        factory.setAddress(address);
        if (binding != null) {
            factory.setBindingId(binding);
        }
        factory.create();
    }

    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
