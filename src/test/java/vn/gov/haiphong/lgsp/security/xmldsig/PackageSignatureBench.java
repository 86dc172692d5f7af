package vn.gov.haiphong.lgsp.security.xmldsig;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlParser;
import vn.gov.haiphong.lgsp.registry.SystemCertificate;
import vn.gov.haiphong.lgsp.security.xmldsig.TestSigner.Signer;

/**
 * Cost of signature checking per package, in CPU time of one thread (robust on a shared machine):
 * the exchange's own parse, the second (namespace-aware, faithful) parse the verifier needs, and
 * the whole verification. Not a test; run by hand:
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat cp.txt) vn.gov.haiphong.lgsp.security.xmldsig.PackageSignatureBench [kB]
 * </pre>
 */
public final class PackageSignatureBench {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int kilobytes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Signer rsa = TestSigner.selfSigned("Bench RSA", TestSigner.rsa());
        Signer ec = TestSigner.selfSigned("Bench EC", TestSigner.ec());
        byte[] unsigned = packageOf(kilobytes);
        byte[] signedRsa = TestSigner.sign(unsigned, rsa);
        byte[] signedEc = TestSigner.sign(unsigned, ec);
        List<SystemCertificate> registered = List.of(rsa.registered(), ec.registered());
        PackageSignatureVerifier verifier = new PackageSignatureVerifier(TrustAnchors.none(), true, Clock.systemUTC());
        EdxmlParser parser = new EdxmlParser();
        System.out.printf("package: %d bytes signed (RSA-2048); load average %.1f on %d cores%n", signedRsa.length,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());

        measure("exchange parse (EdxmlParser)", () -> parser.parse(signedRsa));
        measure("verifier parse (SignatureDom)", () -> {
            try {
                return SignatureDom.parse(signedRsa);
            } catch (SignatureDom.NotParseable e) {
                throw new IllegalStateException(e);
            }
        });
        measure("unsigned package (ABSENT, byte scan)", () -> check(verifier.verify(unsigned, registered), "ABSENT"));
        measure("verify RSA-SHA256 (parse+c14n+digest+RSA)", () -> check(verifier.verify(signedRsa, registered), "VALID"));
        measure("verify ECDSA-SHA256", () -> check(verifier.verify(signedEc, registered), "VALID"));
    }

    private static Object check(SignatureResult result, String expected) {
        if (!result.status().name().equals(expected)) {
            throw new IllegalStateException(result.toString());
        }
        return result;
    }

    private static void measure(String what, Supplier<Object> work) {
        for (int i = 0; i < 3000; i++) {
            work.get(); // warm-up: JIT
        }
        int rounds = 3000;
        long cpuStart = CPU.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            work.get();
        }
        double cpuMicros = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1000.0 / rounds;
        double wallMicros = (System.nanoTime() - wallStart) / 1000.0 / rounds;
        System.out.printf("%-45s %8.1f us CPU/package (%6.0f/s per core)  wall %8.1f us%n", what, cpuMicros,
                1_000_000 / cpuMicros, wallMicros);
    }

    /** The public document sample, made signable, with an attachment filling it up to about {@code kilobytes}. */
    static byte[] packageOf(int kilobytes) {
        String text = TestSigner.signable(TestSigner.utf8(PackageSignatureVerifierTest.sample("edoc-new-small.edxml")));
        int base = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        byte[] random = new byte[Math.max(0, (kilobytes * 1024 - base) * 3 / 4)];
        new Random(1).nextBytes(random);
        String attachment = Base64.getMimeEncoder().encodeToString(random);
        return TestSigner.utf8(text.replace("${__StringFromFile(test.txt,,,)}", attachment));
    }
}
