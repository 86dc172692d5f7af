package vn.gov.haiphong.lgsp.registry;

import java.time.Instant;

/** An X.509 certificate registered for a system (SOAP WS-Security, package signatures). */
public record SystemCertificate(String fingerprint, String subject, String issuer, String serial,
                                Instant notBefore, Instant notAfter, String pem) {

    public boolean validAt(Instant at) {
        return !at.isBefore(notBefore) && !at.isAfter(notAfter);
    }
}
