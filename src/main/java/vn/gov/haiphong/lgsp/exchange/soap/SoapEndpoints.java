package vn.gov.haiphong.lgsp.exchange.soap;

import jakarta.xml.ws.Endpoint;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.policy.PolicyConstants;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.neethi.Policy;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.cache.ReplayCache;
import org.apache.wss4j.dom.WSConstants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.gov.haiphong.lgsp.exchange.soap.api.DocumentExchangePort;
import vn.gov.haiphong.lgsp.security.PlatformKeystore;
import vn.gov.haiphong.lgsp.security.gateway.NonceStore;

/**
 * Publishes the document exchange on CXF's servlet ({@code /services}): SOAP 1.1 at
 * {@code /services/DocumentExchange}, SOAP 1.2 at {@code /services/DocumentExchange12}, both
 * from the hand-written {@code schemas/soap/DocumentExchange.wsdl} (served at {@code ?wsdl}).
 *
 * <p>Inbound security is WSS4J: the Timestamp must be fresher than {@code lgsp.soap.timestamp-ttl}
 * and at most {@code lgsp.soap.timestamp-future-ttl} ahead; the signature is verified with the
 * certificate in its BinarySecurityToken, or the registered one its key reference names, trusted
 * only when registered ({@link RegisteredCertificates});
 * a Timestamp or signature seen before is a replay. {@link SoapAuthenticator} then checks what is
 * signed and who signed it.
 *
 * <p>Answers to requests that passed are signed with the platform's key ({@link PlatformKeystore},
 * when one is configured) in the same profile, so that clients can verify them; the WSDL publishes
 * all this as WS-SecurityPolicy.
 */
@Configuration
class SoapEndpoints {

    static final String PATH_SOAP11 = "/DocumentExchange";
    static final String PATH_SOAP12 = "/DocumentExchange12";
    private static final String VERIFICATION_CRYPTO = "lgsp.soap.signatureVerificationCrypto";

    /**
     * Timestamps and signature values seen within their time to live, for replay detection: in the
     * nonce store, so that every node (and this one after a restart) refuses a replay.
     */
    @Bean
    ReplayCache soapReplayCache(NonceStore nonces, @Value("${lgsp.soap.timestamp-ttl:300s}") Duration ttl,
                                @Value("${lgsp.soap.timestamp-future-ttl:60s}") Duration futureTtl) {
        return new SoapReplayCache(nonces, ttl, futureTtl);
    }

    /** Where clients reach the CXF servlet: {@code lgsp.soap.public-url} + {@code cxf.path}, or none. */
    @Bean
    PublishedAddresses soapPublishedAddresses(@Value("${lgsp.soap.public-url:}") String publicUrl,
                                              @Value("${cxf.path:/services}") String servletPath) {
        return PublishedAddresses.of(publicUrl, servletPath);
    }

    @Bean
    Endpoint documentExchangeSoap11(Bus bus, DocumentExchangeSoapService service, RegisteredCertificates certificates,
                                    ReplayCache soapReplayCache, PublishedAddresses soapPublishedAddresses,
                                    PlatformKeystore keystore,
                                    @Value("${lgsp.soap.timestamp-ttl:300s}") Duration ttl,
                                    @Value("${lgsp.soap.timestamp-future-ttl:60s}") Duration futureTtl) {
        return publish(bus, service, DocumentExchangePort.PORT_SOAP11, PATH_SOAP11, certificates, soapReplayCache,
                soapPublishedAddresses, keystore, ttl, futureTtl);
    }

    @Bean
    Endpoint documentExchangeSoap12(Bus bus, DocumentExchangeSoapService service, RegisteredCertificates certificates,
                                    ReplayCache soapReplayCache, PublishedAddresses soapPublishedAddresses,
                                    PlatformKeystore keystore,
                                    @Value("${lgsp.soap.timestamp-ttl:300s}") Duration ttl,
                                    @Value("${lgsp.soap.timestamp-future-ttl:60s}") Duration futureTtl) {
        return publish(bus, service, DocumentExchangePort.PORT_SOAP12, PATH_SOAP12, certificates, soapReplayCache,
                soapPublishedAddresses, keystore, ttl, futureTtl);
    }

    private static Endpoint publish(Bus bus, DocumentExchangeSoapService service, String port, String path,
                                    RegisteredCertificates certificates, ReplayCache replayCache,
                                    PublishedAddresses addresses, PlatformKeystore keystore, Duration ttl,
                                    Duration futureTtl) {
        EndpointImpl endpoint = new EndpointImpl(bus, service);
        endpoint.setWsdlLocation("classpath:" + DocumentExchangePort.WSDL);
        endpoint.setServiceName(new QName(DocumentExchangePort.NS, DocumentExchangePort.SERVICE));
        endpoint.setEndpointName(new QName(DocumentExchangePort.NS, port));

        Map<String, Object> properties = new HashMap<>();
        properties.put(Message.MTOM_ENABLED, Boolean.TRUE);
        properties.put(SecurityConstants.ENABLE_TIMESTAMP_CACHE, Boolean.TRUE);
        properties.put(SecurityConstants.TIMESTAMP_CACHE_INSTANCE, replayCache);
        // MTOM: the signature must cover the attachment's bytes, not only its xop:Include.
        properties.put(SecurityConstants.EXPAND_XOP_INCLUDE, Boolean.TRUE);
        // The WSDL's WS-SecurityPolicy describes the checks below for clients; CXF's policy engine
        // must not enforce its own reading of it besides them (an empty effective policy).
        properties.put(PolicyConstants.POLICY_OVERRIDE, new Policy());
        endpoint.setProperties(properties);

        Map<String, Object> security = new HashMap<>();
        security.put(ConfigurationConstants.ACTION, ConfigurationConstants.TIMESTAMP + " " + ConfigurationConstants.SIGNATURE);
        // No keystore trust: the validator below trusts registered certificates only; the crypto
        // only finds the registered certificate a key reference (IssuerSerial, SKI, thumbprint) names.
        security.put(ConfigurationConstants.SIG_VER_PROP_REF_ID, VERIFICATION_CRYPTO);
        security.put(VERIFICATION_CRYPTO, certificates.lookup());
        security.put(WSS4JInInterceptor.VALIDATOR_MAP, Map.of(WSConstants.SIGNATURE, certificates));
        security.put(WSS4JInInterceptor.PROCESSOR_MAP, Map.of(WSConstants.SIGNATURE, new IssuerSerialCheck()));
        security.put(ConfigurationConstants.TTL_TIMESTAMP, String.valueOf(ttl.toSeconds()));
        security.put(ConfigurationConstants.TTL_FUTURE_TIMESTAMP, String.valueOf(futureTtl.toSeconds()));
        security.put(ConfigurationConstants.TIMESTAMP_STRICT, "true");
        security.put(ConfigurationConstants.EXPAND_XOP_INCLUDE, "true");
        endpoint.getInInterceptors().add(new WSS4JInInterceptor(security));
        endpoint.getInInterceptors().add(new SoapAuthenticator(certificates));
        endpoint.getOutInterceptors().add(new MtomLikeTheRequest());
        String soapNamespace = DocumentExchangePort.PORT_SOAP11.equals(port) ? SoapSigning.SOAP11_NS : SoapSigning.SOAP12_NS;
        keystore.key().ifPresent(key -> endpoint.getOutInterceptors().add(SoapSigning.answerSigner(key.keyStore(),
                key.alias(), key.keyPassword(), soapNamespace, ttl)));
        endpoint.getOutFaultInterceptors().add(new SoapFaults());
        endpoint.publish(path);
        addresses.applyTo(endpoint.getServer().getEndpoint(), path);
        return endpoint;
    }

    /**
     * Answers in MTOM (the package as an attachment) to a client that sent MTOM, and inline
     * base64 to one that did not, so that plain SOAP clients and scripts can read the answer.
     */
    static final class MtomLikeTheRequest extends AbstractPhaseInterceptor<Message> {

        MtomLikeTheRequest() {
            super(Phase.PRE_LOGICAL);
        }

        @Override
        public void handleMessage(Message message) {
            Message request = message.getExchange().getInMessage();
            Object contentType = request == null ? null : request.get(Message.CONTENT_TYPE);
            boolean mtom = contentType != null
                    && contentType.toString().toLowerCase(Locale.ROOT).contains("application/xop+xml");
            message.put(Message.MTOM_ENABLED, mtom);
        }
    }
}
