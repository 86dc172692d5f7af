package vn.gov.haiphong.lgsp.registry;

import java.util.List;
import java.util.Set;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;

/** A connected system as the admin API shows it: whether a secret is set, never the secret. */
public record SystemView(String systemId, String name, String ownerAgency, Set<String> agencies, Set<Protocol> protocols,
                         DeliveryMode deliveryMode, String deliveryUrl, SignaturePolicy signaturePolicy, boolean enabled,
                         boolean hasSecret, List<CertificateView> certificates) {

    public record CertificateView(String fingerprint, String subject, String issuer, String serial,
                                  java.time.Instant notBefore, java.time.Instant notAfter) {
    }

    public static SystemView of(ConnectedSystem s) {
        return new SystemView(s.systemId(), s.name(), s.ownerAgency(), s.agencies(), s.protocols(), s.deliveryMode(),
                s.deliveryUrl(), s.signaturePolicy(), s.enabled(), s.secretCiphertext() != null,
                s.certificates().stream().map(c -> new CertificateView(c.fingerprint(), c.subject(), c.issuer(),
                        c.serial(), c.notBefore(), c.notAfter())).toList());
    }
}
