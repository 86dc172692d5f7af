package vn.gov.haiphong.lgsp.security.xmldsig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the check of a package's XML-DSig signature found.
 *
 * @param status    VALID, ABSENT, INVALID, or NOT_CHECKED (policy OFF)
 * @param problem   for INVALID: whether the signature itself fails or its signer is not trusted
 * @param signer    the signing certificate's subject, when a certificate was read
 * @param algorithm the SignatureMethod's short name (e.g. {@code rsa-sha256}), when one was read
 * @param trust     for VALID: how the signer is trusted
 * @param reason    for INVALID: a one-line explanation safe to show to the sender
 */
public record SignatureResult(Status status, Problem problem, String signer, String algorithm, Trust trust,
                              String reason) {

    public enum Status { VALID, ABSENT, INVALID, NOT_CHECKED }

    /** Why an INVALID signature is not accepted. */
    public enum Problem {
        /** Malformed, not allowed (algorithm, reference, placement) or not matching the content. */
        DOES_NOT_VERIFY,
        /** Cryptographically sound, but its certificate is not trusted for the sender, or not valid now. */
        SIGNER_NOT_TRUSTED
    }

    /** Why a VALID signer is trusted. */
    public enum Trust {
        /** The certificate is one registered for the sending system. */
        REGISTERED,
        /** The certificate chains to an anchor of the configured trust store. */
        TRUST_STORE
    }

    public SignatureResult {
        Objects.requireNonNull(status, "status");
        if ((status == Status.INVALID) != (problem != null)) {
            throw new IllegalArgumentException("a problem goes with INVALID, and only with it");
        }
        if ((status == Status.VALID) != (trust != null)) {
            throw new IllegalArgumentException("a trust goes with VALID, and only with it");
        }
    }

    public static SignatureResult valid(String signer, String algorithm, Trust trust) {
        return new SignatureResult(Status.VALID, null, signer, algorithm, trust, null);
    }

    public static SignatureResult absent() {
        return new SignatureResult(Status.ABSENT, null, null, null, null, null);
    }

    public static SignatureResult notChecked() {
        return new SignatureResult(Status.NOT_CHECKED, null, null, null, null, null);
    }

    public static SignatureResult doesNotVerify(String reason) {
        return doesNotVerify(null, null, reason);
    }

    public static SignatureResult doesNotVerify(String signer, String algorithm, String reason) {
        return new SignatureResult(Status.INVALID, Problem.DOES_NOT_VERIFY, signer, algorithm, null, reason);
    }

    public static SignatureResult untrusted(String signer, String algorithm, String reason) {
        return new SignatureResult(Status.INVALID, Problem.SIGNER_NOT_TRUSTED, signer, algorithm, null, reason);
    }

    public boolean is(Status wanted) {
        return status == wanted;
    }

    /**
     * The outcome for an event's data: {@code signature} (the status) and, where known,
     * {@code signer}, {@code signatureAlgorithm}, {@code signatureTrust}, {@code signatureProblem}.
     */
    public Map<String, Object> eventData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("signature", status.name());
        if (signer != null) {
            data.put("signer", signer);
        }
        if (algorithm != null) {
            data.put("signatureAlgorithm", algorithm);
        }
        if (trust != null) {
            data.put("signatureTrust", trust.name());
        }
        if (reason != null) {
            data.put("signatureProblem", reason);
        }
        return data;
    }

    @Override
    public String toString() {
        return status + (problem == null ? "" : " " + problem) + (signer == null ? "" : " by " + signer)
                + (trust == null ? "" : " (" + trust + ")") + (reason == null ? "" : ": " + reason);
    }
}
