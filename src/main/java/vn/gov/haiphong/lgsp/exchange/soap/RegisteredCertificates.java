package vn.gov.haiphong.lgsp.exchange.soap;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.validate.Credential;
import org.apache.wss4j.dom.validate.Validator;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.SystemCertificate;
import vn.gov.haiphong.lgsp.security.Certificates;

/**
 * Trust for WS-Security signatures is the registry, not a CA: a signing certificate is trusted
 * exactly when it is registered (by SHA-256 fingerprint) for a connected system and valid now.
 * Replaces WSS4J's keystore-based signature trust check; the signature itself is still verified
 * by WSS4J with the certificate's key. The certificate is the one the message carries
 * (BinarySecurityToken, X509v3 KeyIdentifier) or the registered one its key reference names
 * ({@link RegisteredCertificateLookup}).
 */
@Component
class RegisteredCertificates implements Validator {

    private final AgencyResolver resolver;
    private final RegisteredCertificateLookup lookup;

    RegisteredCertificates(AgencyResolver resolver) {
        this.resolver = resolver;
        this.lookup = new RegisteredCertificateLookup(resolver);
    }

    /** WSS4J's lookup of the registered certificates, for key references that do not carry the certificate. */
    RegisteredCertificateLookup lookup() {
        return lookup;
    }

    /** The system this certificate is registered for, if any (from the in-memory registry). */
    Optional<ConnectedSystem> systemOf(String fingerprint) {
        for (ConnectedSystem system : resolver.snapshot().systems()) {
            for (SystemCertificate certificate : system.certificates()) {
                if (certificate.fingerprint().equalsIgnoreCase(fingerprint)) {
                    return Optional.of(system);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Credential validate(Credential credential, RequestData data) throws WSSecurityException {
        X509Certificate[] chain = credential == null ? null : credential.getCertificates();
        if (chain == null || chain.length == 0 || chain[0] == null) {
            throw refused("the signature names no X.509 certificate (send it as a BinarySecurityToken, or name a "
                    + "registered one by X509IssuerSerial, SubjectKeyIdentifier or ThumbprintSHA1)");
        }
        X509Certificate certificate = chain[0];
        String fingerprint = Certificates.fingerprint(certificate);
        if (systemOf(fingerprint).isEmpty()) {
            throw refused("certificate " + fingerprint + " is not registered for any connected system");
        }
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw refused("certificate " + fingerprint + " is not valid now (valid "
                    + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ")");
        }
        return credential;
    }

    private static WSSecurityException refused(String detail) {
        return new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION,
                new LgspException(ErrorCode.SOAP_UNKNOWN_CERTIFICATE, detail));
    }
}
