package vn.gov.haiphong.lgsp.exchange.soap;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.x500.X500Principal;
import org.apache.wss4j.common.crypto.CryptoBase;
import org.apache.wss4j.common.crypto.CryptoType;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;
import vn.gov.haiphong.lgsp.registry.SystemCertificate;
import vn.gov.haiphong.lgsp.security.Certificates;

/**
 * WSS4J's certificate lookup for the signature key references that name a certificate instead of
 * carrying it ({@code ds:X509IssuerSerial}, and {@code wsse:KeyIdentifier} SubjectKeyIdentifier or
 * ThumbprintSHA1, the defaults of WCF and of many WSS4J set-ups): answered from the certificates
 * registered for connected systems, by WSS4J's own keystore lookup ({@link Merlin}, rebuilt when
 * the registry changes). A reference no registered certificate answers is refused as an unknown
 * certificate. Lookup only: trust stays with {@link RegisteredCertificates}, the caller's
 * identity with the certificate found, and there is no private key here.
 *
 * <p>A certificate whose issuer and serial number, or whose key, is also that of another
 * system's certificate is left out: such a reference could name either system, so those
 * systems must send their certificate (BinarySecurityToken).
 */
final class RegisteredCertificateLookup extends CryptoBase {

    private static final Logger log = LoggerFactory.getLogger(RegisteredCertificateLookup.class);

    private final AgencyResolver resolver;
    private volatile Index index;

    /** The lookup built for one registry snapshot. */
    private record Index(RegistrySnapshot snapshot, Merlin lookup) {
    }

    RegisteredCertificateLookup(AgencyResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public X509Certificate[] getX509Certificates(CryptoType type) throws WSSecurityException {
        if (type == null || !(type.getType() == CryptoType.TYPE.ISSUER_SERIAL
                || type.getType() == CryptoType.TYPE.SKI_BYTES || type.getType() == CryptoType.TYPE.THUMBPRINT_SHA1)) {
            return null;
        }
        X509Certificate[] found = current().lookup().getX509Certificates(type);
        if (found == null || found.length == 0) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION, new LgspException(
                    ErrorCode.SOAP_UNKNOWN_CERTIFICATE, "the signature's key reference (" + describe(type)
                    + ") names no certificate registered for a connected system"));
        }
        return new X509Certificate[] {found[0]};
    }

    private Index current() throws WSSecurityException {
        RegistrySnapshot snapshot = resolver.snapshot();
        Index known = index;
        if (known == null || known.snapshot() != snapshot) {
            known = new Index(snapshot, lookupOver(snapshot));
            index = known;
        }
        return known;
    }

    private Merlin lookupOver(RegistrySnapshot snapshot) throws WSSecurityException {
        Map<String, X509Certificate> certificates = new HashMap<>();
        Map<String, String> systemOf = new HashMap<>();
        Map<String, Set<String>> systemsByReference = new HashMap<>();
        for (ConnectedSystem system : snapshot.systems()) {
            for (SystemCertificate registered : system.certificates()) {
                X509Certificate certificate = Certificates.parsePem(registered.pem());
                certificates.put(registered.fingerprint(), certificate);
                systemOf.put(registered.fingerprint(), system.systemId());
                for (String reference : references(certificate)) {
                    systemsByReference.computeIfAbsent(reference, k -> new HashSet<>()).add(system.systemId());
                }
            }
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            List<String> ambiguous = new ArrayList<>();
            for (Map.Entry<String, X509Certificate> entry : certificates.entrySet()) {
                if (references(entry.getValue()).stream().anyMatch(r -> systemsByReference.get(r).size() > 1)) {
                    ambiguous.add(entry.getKey() + " (" + systemOf.get(entry.getKey()) + ")");
                } else {
                    store.setCertificateEntry(entry.getKey(), entry.getValue());
                }
            }
            if (!ambiguous.isEmpty()) {
                log.warn("Certificates sharing issuer and serial number, or key, with another system's: accepted only "
                        + "as a BinarySecurityToken: {}", ambiguous);
            }
            Merlin lookup = new Merlin();
            lookup.setTrustStore(store);
            return lookup;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILURE, e);
        }
    }

    /** What a key reference can name this certificate by, besides its thumbprint (unique anyway). */
    private List<String> references(X509Certificate certificate) throws WSSecurityException {
        return List.of("issuer-serial:" + certificate.getIssuerX500Principal().getName(X500Principal.CANONICAL) + "/"
                        + certificate.getSerialNumber(),
                "key:" + HexFormat.of().formatHex(getSKIBytesFromCert(certificate)));
    }

    private static String describe(CryptoType type) {
        return switch (type.getType()) {
            case ISSUER_SERIAL -> "X509IssuerSerial " + type.getIssuer() + ", serial " + type.getSerial();
            case SKI_BYTES -> "SubjectKeyIdentifier " + HexFormat.of().formatHex(type.getBytes());
            default -> "ThumbprintSHA1 " + HexFormat.of().formatHex(type.getBytes());
        };
    }

    @Override
    public String getX509Identifier(X509Certificate cert) {
        return null;
    }

    @Override
    public PrivateKey getPrivateKey(X509Certificate certificate, CallbackHandler callbackHandler)
            throws WSSecurityException {
        throw noPrivateKeys();
    }

    @Override
    public PrivateKey getPrivateKey(PublicKey publicKey, CallbackHandler callbackHandler) throws WSSecurityException {
        throw noPrivateKeys();
    }

    @Override
    public PrivateKey getPrivateKey(String identifier, String password) throws WSSecurityException {
        throw noPrivateKeys();
    }

    /** Never trusted here: {@link RegisteredCertificates} decides (WSS4J's validator map). */
    @Override
    public void verifyTrust(X509Certificate[] certs, boolean enableRevocation, Collection<Pattern> subjectCertConstraints,
                            Collection<Pattern> issuerCertConstraints) throws WSSecurityException {
        throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
    }

    @Override
    public void verifyTrust(PublicKey publicKey) throws WSSecurityException {
        throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
    }

    private static WSSecurityException noPrivateKeys() {
        return new WSSecurityException(WSSecurityException.ErrorCode.FAILURE);
    }
}
