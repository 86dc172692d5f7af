package vn.gov.haiphong.lgsp.registry;

import java.util.List;
import java.util.Set;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;

/**
 * A client of the platform. Its HMAC secret is held encrypted ({@code secretCiphertext}) and is
 * never part of what the admin API returns: see {@link SystemView}.
 */
public record ConnectedSystem(String systemId, String name, String ownerAgency, Set<String> agencies,
                              Set<Protocol> protocols, DeliveryMode deliveryMode, String deliveryUrl,
                              SignaturePolicy signaturePolicy, boolean enabled, String secretCiphertext,
                              List<SystemCertificate> certificates) {

    public boolean mayActFor(String agencyCode) {
        return agencies.contains(agencyCode);
    }
}
