package vn.gov.haiphong.lgsp.exchange.soap;

import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.dom.WSConstants;

/**
 * The outbound half of the platform's WS-Security profile: a Timestamp, and an RSA-SHA256
 * signature (SHA-256 digests, exclusive C14N) over the Body and the Timestamp, with the signing
 * certificate as a BinarySecurityToken (DirectReference); MTOM attachments are signed through
 * their xop:Include. What {@link SoapEndpoints} requires of callers and signs its answers with,
 * and what {@link SoapPushChannel} sends to recipients.
 */
final class SoapSigning {

    static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    static final String SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
    private static final String CRYPTO_REF = "lgsp.soap.signatureCrypto";

    private SoapSigning() {
    }

    /**
     * An interceptor that signs each outgoing message with this key.
     *
     * @param soapNamespace the envelope namespace of the messages ({@link #SOAP11_NS} or {@link #SOAP12_NS})
     */
    static WSS4JOutInterceptor signer(KeyStore keyStore, String alias, char[] keyPassword, String soapNamespace,
                                      Duration timestampTtl) {
        return new WSS4JOutInterceptor(properties(keyStore, alias, keyPassword, soapNamespace, timestampTtl));
    }

    /**
     * An interceptor that signs the answers to requests {@link SoapAuthenticator} accepted, and no
     * others: nobody gets the platform's signature for an unauthenticated request. The Security
     * header is not mustUnderstand: a client that does not verify answers reads them as before.
     */
    static WSS4JOutInterceptor answerSigner(KeyStore keyStore, String alias, char[] keyPassword, String soapNamespace,
                                            Duration timestampTtl) {
        Map<String, Object> properties = properties(keyStore, alias, keyPassword, soapNamespace, timestampTtl);
        properties.put(ConfigurationConstants.MUST_UNDERSTAND, "false");
        return new WSS4JOutInterceptor(properties) {
            @Override
            public void handleMessage(SoapMessage message) {
                if (message.getExchange().get(SoapCaller.class) != null) {
                    super.handleMessage(message);
                }
            }
        };
    }

    private static Map<String, Object> properties(KeyStore keyStore, String alias, char[] keyPassword,
                                                  String soapNamespace, Duration timestampTtl) {
        Merlin crypto = new Merlin();
        crypto.setKeyStore(keyStore);
        String password = new String(keyPassword);
        CallbackHandler passwords = callbacks -> {
            for (Callback callback : callbacks) {
                if (callback instanceof WSPasswordCallback pc && alias.equals(pc.getIdentifier())) {
                    pc.setPassword(password);
                }
            }
        };
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationConstants.ACTION, ConfigurationConstants.TIMESTAMP + " " + ConfigurationConstants.SIGNATURE);
        properties.put(ConfigurationConstants.USER, alias);
        properties.put(ConfigurationConstants.SIG_PROP_REF_ID, CRYPTO_REF);
        properties.put(CRYPTO_REF, crypto);
        properties.put(ConfigurationConstants.PW_CALLBACK_REF, passwords);
        properties.put(ConfigurationConstants.SIG_KEY_ID, "DirectReference");
        properties.put(ConfigurationConstants.SIG_ALGO, RSA_SHA256);
        properties.put(ConfigurationConstants.SIG_DIGEST_ALGO, SHA256);
        properties.put(ConfigurationConstants.SIGNATURE_PARTS, "{Element}{" + soapNamespace + "}Body;{Element}{"
                + WSConstants.WSU_NS + "}Timestamp");
        properties.put(ConfigurationConstants.TTL_TIMESTAMP, String.valueOf(timestampTtl.toSeconds()));
        properties.put(ConfigurationConstants.EXPAND_XOP_INCLUDE, "true");
        properties.put(ConfigurationConstants.USE_SINGLE_CERTIFICATE, "true");
        return properties;
    }
}
