package vn.gov.haiphong.lgsp.exchange.soap;

import org.apache.cxf.endpoint.Endpoint;
import org.apache.cxf.frontend.WSDLGetUtils;
import org.w3c.dom.Element;
import vn.gov.haiphong.lgsp.platform.PublicUrl;

/**
 * The port addresses in the WSDL each endpoint serves at {@code ?wsdl}. CXF writes the port asked
 * for with the request's URL and leaves the other one (SOAP 1.2 beside 1.1, and back) as it was
 * published, relative to the servlet ({@code /DocumentExchange12}): clients that call the address
 * the WSDL gives, as zeep and node-soap do, cannot use it. With CXF's
 * {@code autoRewriteSoapAddressForAllServices} every relative address is made absolute, for each
 * request, under the servlet's address; CXF takes that from the request's base path, which under
 * Spring Boot lacks the servlet's path, so {@link BesideThisPort} takes it from the asked-for port's
 * own address instead. That address is the request's unless {@code lgsp.soap.public-url} is set:
 * then it is CXF's {@code publishedEndpointUrl} under that URL, and the Host header is not
 * reflected at all. Nothing request-derived is cached.
 */
final class PublishedAddresses {

    /** {@code lgsp.soap.public-url} + the CXF servlet's path; null: each request's own. */
    private final String servletBase;

    private PublishedAddresses(String servletBase) {
        this.servletBase = servletBase;
    }

    /**
     * @param publicUrl   scheme, host and port (optionally a path prefix) as clients reach the
     *                    platform; blank: the request's
     * @param servletPath the CXF servlet's path ({@code cxf.path})
     */
    static PublishedAddresses of(String publicUrl, String servletPath) {
        String base = PublicUrl.normalise("lgsp.soap.public-url", publicUrl);
        if (base.isEmpty()) {
            return new PublishedAddresses(null);
        }
        String path = servletPath == null || servletPath.isBlank() ? "" : "/" + servletPath.strip().replaceAll("^/+|/+$", "");
        return new PublishedAddresses(base + path);
    }

    /** Sets the endpoint properties CXF's WSDL query handler reads for the endpoint published at {@code path}. */
    void applyTo(Endpoint endpoint, String path) {
        endpoint.put(WSDLGetUtils.AUTO_REWRITE_ADDRESS_ALL, Boolean.TRUE);
        endpoint.put(WSDLGetUtils.class.getName(), new BesideThisPort(path));
        if (servletBase == null) {
            endpoint.remove(WSDLGetUtils.PUBLISHED_ENDPOINT_URL);
        } else {
            endpoint.put(WSDLGetUtils.PUBLISHED_ENDPOINT_URL, servletBase + path);
        }
    }

    /** CXF's WSDL writer, putting relative port addresses beside the asked-for port's. */
    private static final class BesideThisPort extends WSDLGetUtils {

        /** The asked-for port's path under the servlet, e.g. {@code /DocumentExchange}. */
        private final String path;

        BesideThisPort(String path) {
            this.path = path;
        }

        /** @param base the asked-for port's address: the published one, else the request's URL */
        @Override
        protected void rewriteAddressProtocolHostPort(String base, Element port, String requestBasePath,
                                                      String soapNamespace) {
            String servlet = base.endsWith(path) ? base.substring(0, base.length() - path.length()) : requestBasePath;
            super.rewriteAddressProtocolHostPort(base, port, servlet, soapNamespace);
        }
    }
}
