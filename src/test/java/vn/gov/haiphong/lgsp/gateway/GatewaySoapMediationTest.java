package vn.gov.haiphong.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.TestHttp;

/** SOAP 1.1/1.2 mediation to a real CXF endpoint, the rewritten WSDL, and refusals as SOAP faults. */
class GatewaySoapMediationTest extends GatewayTestSupport {

    static final String SOAP11 = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
            + "xmlns:dv=\"urn:hd-lgsp:donvi\"><soapenv:Header/><soapenv:Body><dv:LayThongTinDonVi><maDonVi>%s</maDonVi>"
            + "</dv:LayThongTinDonVi></soapenv:Body></soapenv:Envelope>";
    static final String SOAP12 = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
            + "xmlns:dv=\"urn:hd-lgsp:donvi\"><env:Body><dv:LayThongTinDonVi><maDonVi>%s</maDonVi>"
            + "</dv:LayThongTinDonVi></env:Body></env:Envelope>";
    static final String XML11 = "text/xml; charset=utf-8";
    static final String XML12 = "application/soap+xml; charset=utf-8";

    /** Once per test JVM (the catalogue lives in the shared context); per instance, so Camel's test listener has started the context. */
    private static boolean registered;

    @BeforeEach
    void services() {
        if (registered) {
            return;
        }
        registered = true;
        ensureService(Map.of("serviceCode", "soap.donvi", "name", "Tra cứu đơn vị (SOAP 1.1)", "providerSystem",
                "hd.lgsp-cu", "kind", "SOAP", "endpoints", Map.of("default", SOAP_STUB.url("/ws/donvi"))));
        ensureService(Map.of("serviceCode", "soap.donvi12", "name", "Tra cứu đơn vị (SOAP 1.2)", "providerSystem",
                "hd.lgsp-cu", "kind", "SOAP", "endpoints", Map.of("default", SOAP_STUB.url("/ws/donvi12"))));
        ensureService(Map.of("serviceCode", "soap.slow", "name", "Slow", "providerSystem", "hd.lgsp-cu", "kind", "SOAP",
                "endpoints", Map.of("default", SOAP_STUB.url("/ws/donvi").replace("127.0.0.1", "localhost")),
                "timeoutMs", 500));
        for (String code : new String[] {"soap.donvi", "soap.donvi12", "soap.slow"}) {
            grant(code, "SYSTEM", PHUONG_HD[0], null, null);
        }
        String wsdl = TestHttp.get(SOAP_STUB.url("/ws/donvi?wsdl"), null).body();
        HttpResponse<String> described = TestHttp.send("PUT", baseUrl() + "/api/admin/gateway/services/soap.donvi/description",
                operator(), "text/xml", wsdl.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(described.statusCode()).as(described.body()).isEqualTo(200);
    }

    private HttpResponse<byte[]> soap(String[] system, String service, String contentType, String envelope) {
        return client(system).send(GatewayClient.call("/gw/soap/" + service).method("POST")
                .body(contentType, envelope).header("SOAPAction", "\"urn:hd-lgsp:donvi/LayThongTinDonVi\""));
    }

    @Test
    void soap11AndSoap12CallsReachTheCxfEndpoint() {
        HttpResponse<byte[]> r11 = soap(PHUONG_HD, "soap.donvi", XML11, SOAP11.formatted("000.01.21.H26"));
        assertThat(r11.statusCode()).as(text(r11)).isEqualTo(200);
        assertThat(text(r11)).contains("Don vi 000.01.21.H26").contains("LayThongTinDonViResponse");
        assertThat(r11.headers().firstValue("X-LGSP-Request-Hash")).isPresent();
        HttpResponse<byte[]> r12 = soap(PHUONG_HD, "soap.donvi12", XML12, SOAP12.formatted("000.01.21.H26"));
        assertThat(r12.statusCode()).as(text(r12)).isEqualTo(200);
        assertThat(text(r12)).contains("http://www.w3.org/2003/05/soap-envelope").contains("Don vi 000.01.21.H26");
    }

    @Test
    void theProvidersFaultIsRelayed() {
        HttpResponse<byte[]> fault = soap(PHUONG_HD, "soap.donvi", XML11, SOAP11.formatted("000.00.02.H27"));
        assertThat(fault.statusCode()).isEqualTo(500);
        assertThat(text(fault)).contains("Fault").contains("Khong tim thay don vi");
        assertThat(fault.headers().firstValue("X-LGSP-Error-Code")).isEmpty();
    }

    @Test
    void theWsdlIsServedWithTheGatewayAddress() {
        HttpResponse<byte[]> wsdl = client(PHUONG_HD).get("/gw/soap/soap.donvi?wsdl");
        assertThat(wsdl.statusCode()).as(text(wsdl)).isEqualTo(200);
        assertThat(text(wsdl)).contains("location=\"" + baseUrl() + "/gw/soap/soap.donvi\"")
                .doesNotContain(":" + SOAP_STUB.port());
        HttpResponse<byte[]> meta = client(PHUONG_HD).get("/gw/meta/services/soap.donvi/description");
        assertThat(text(meta)).contains(baseUrl() + "/gw/soap/soap.donvi");
        // Not granted: no description either.
        assertThat(client(HONGBANG).get("/gw/soap/soap.donvi?wsdl").statusCode()).isEqualTo(500);
        assertRefused(client(HONGBANG).get("/gw/meta/services/soap.donvi/description"), 403, "GW-202");
        // No description registered.
        assertThat(text(client(PHUONG_HD).get("/gw/soap/soap.donvi12?wsdl"))).contains("GW-208");
    }

    @Test
    void refusalsAreSoapFaultsOfTheRequestsVersion() {
        HttpResponse<byte[]> denied11 = soap(HONGBANG, "soap.donvi", XML11, SOAP11.formatted("000.01.21.H26"));
        assertThat(denied11.statusCode()).isEqualTo(500);
        assertThat(denied11.headers().firstValue("Content-Type")).get().asString().startsWith("text/xml");
        assertThat(text(denied11)).contains("<faultcode>soap:Client</faultcode>").contains("GW-202")
                .contains("<lgsp:code>GW-202</lgsp:code>");
        HttpResponse<byte[]> denied12 = soap(HONGBANG, "soap.donvi12", XML12, SOAP12.formatted("000.01.21.H26"));
        assertThat(denied12.statusCode()).isEqualTo(400);
        assertThat(denied12.headers().firstValue("Content-Type")).get().asString().startsWith("application/soap+xml");
        assertThat(text(denied12)).contains("env:Sender").contains("GW-202");
        HttpResponse<byte[]> anonymous = client(PHUONG_HD).send(GatewayClient.call("/gw/soap/soap.donvi").method("POST")
                .body(XML11, SOAP11.formatted("x")).unsigned());
        assertThat(anonymous.statusCode()).isEqualTo(500);
        assertThat(text(anonymous)).contains("GW-101");
        assertThat(anonymous.headers().firstValue("X-LGSP-Error-Status")).contains("401");
    }

    @Test
    void bodiesThatAreNotSoapOfTheRightVersionAreRefused() {
        int calls = SOAP_STUB.calls.get();
        assertThat(text(soap(PHUONG_HD, "soap.donvi", XML11, "{\"not\":\"xml\"}"))).contains("GW-206");
        assertThat(text(soap(PHUONG_HD, "soap.donvi", XML11, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e "
                + "\"boom\">]><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Body>&e;</soapenv:Body></soapenv:Envelope>"))).contains("GW-206");
        assertThat(text(soap(PHUONG_HD, "soap.donvi", XML11, SOAP12.formatted("000.01.21.H26")))).contains("GW-206");
        assertThat(text(soap(PHUONG_HD, "soap.donvi", XML11, "<a xmlns=\"urn:x\"/>"))).contains("GW-206");
        assertThat(SOAP_STUB.calls.get()).isEqualTo(calls);
    }

    @Test
    void aSlowProviderIsCutOffAtTheServiceTimeout() {
        long start = System.nanoTime();
        HttpResponse<byte[]> slow = soap(PHUONG_HD, "soap.slow", XML11, SOAP11.formatted("SLOW"));
        assertThat(slow.statusCode()).isEqualTo(500);
        assertThat(text(slow)).contains("GW-501").contains("soap:Server");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1800);
    }
}
