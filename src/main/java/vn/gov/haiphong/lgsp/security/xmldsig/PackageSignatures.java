package vn.gov.haiphong.lgsp.security.xmldsig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;

/**
 * A sending system's signature policy applied to one package:
 * <ul>
 *   <li>{@code OFF}: not checked ({@code NOT_CHECKED});
 *   <li>{@code IF_PRESENT}: any outcome is accepted; an INVALID one is for the caller to record as
 *       a warning (PKG-310 does not verify, PKG-311 signer not trusted);
 *   <li>{@code REQUIRED}: only VALID is accepted; ABSENT is refused with PKG-221, INVALID with
 *       PKG-222 (does not verify) or PKG-223 (signer not trusted).
 * </ul>
 * The bytes are only read, never changed.
 *
 * <p>Configuration: {@code lgsp.security.trust-store.path}/{@code .type}/{@code .password} (anchors
 * a signer may chain to without being registered; none by default) and
 * {@code lgsp.security.xmldsig.accept-rsa-sha1} (default true: older agency software signs with
 * RSA-SHA1, EDXML.md).
 */
@Service
public class PackageSignatures {

    private static final Logger log = LoggerFactory.getLogger(PackageSignatures.class);

    private final PackageSignatureVerifier verifier;

    @Autowired
    public PackageSignatures(@Value("${lgsp.security.trust-store.path:}") String trustStorePath,
                             @Value("${lgsp.security.trust-store.type:}") String trustStoreType,
                             @Value("${lgsp.security.trust-store.password:}") String trustStorePassword,
                             @Value("${lgsp.security.xmldsig.accept-rsa-sha1:true}") boolean acceptRsaSha1) {
        this(new PackageSignatureVerifier(anchors(trustStorePath, trustStoreType, trustStorePassword), acceptRsaSha1,
                Clock.systemUTC()));
    }

    public PackageSignatures(PackageSignatureVerifier verifier) {
        this.verifier = verifier;
    }

    private static TrustAnchors anchors(String path, String type, String password) {
        if (path == null || path.isBlank()) {
            log.info("Package signatures: no trust store configured; only certificates registered for a system are trusted");
            return TrustAnchors.none();
        }
        Path file = Path.of(path.strip());
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("lgsp.security.trust-store.path " + file + " is not a readable file");
        }
        TrustAnchors anchors = TrustAnchors.load(file, type, password == null ? null : password.toCharArray());
        log.info("Package signatures: trust store with {}", anchors.source());
        return anchors;
    }

    /**
     * Checks the package as the sender's policy says, and refuses it when REQUIRED is not met.
     *
     * @param signatureInHeader whether the exchange's parser saw a Signature in edXMLHeader in
     *                          either namespace: one in the edXML namespace is no XML-DSig
     *                          signature and counts as INVALID, not ABSENT
     * @param namespaceProblem  why the exchange's parser found the bytes not namespace-well-formed,
     *                          or null: such a package's signature cannot verify
     * @throws LgspException PKG-221, PKG-222 or PKG-223 under REQUIRED
     */
    public SignatureResult check(ConnectedSystem sender, byte[] pkg, boolean signatureInHeader,
                                 String namespaceProblem) {
        SignaturePolicy policy = sender.signaturePolicy() == null ? SignaturePolicy.IF_PRESENT : sender.signaturePolicy();
        if (policy == SignaturePolicy.OFF) {
            return SignatureResult.notChecked();
        }
        SignatureResult result = verifier.verify(pkg, sender.certificates(), namespaceProblem);
        if (result.is(SignatureResult.Status.ABSENT) && signatureInHeader) {
            result = SignatureResult.doesNotVerify("the Signature in edXMLHeader is not in the XML-DSig namespace ("
                    + PackageSignatureVerifier.XMLDSIG_NS + "), so it cannot be verified");
        }
        if (policy == SignaturePolicy.REQUIRED) {
            switch (result.status()) {
                case ABSENT -> throw new LgspException(ErrorCode.PACKAGE_SIGNATURE_MISSING,
                        ErrorCode.PACKAGE_SIGNATURE_MISSING.title() + " (signature policy REQUIRED for "
                                + sender.systemId() + ")");
                case INVALID -> {
                    ErrorCode code = result.problem() == SignatureResult.Problem.SIGNER_NOT_TRUSTED
                            ? ErrorCode.PACKAGE_SIGNER_NOT_TRUSTED : ErrorCode.PACKAGE_SIGNATURE_INVALID;
                    throw new LgspException(code, code.title() + ": " + result.reason()
                            + (result.signer() == null ? "" : " (signer " + result.signer() + ")"));
                }
                default -> {
                    // VALID
                }
            }
        }
        return result;
    }
}
