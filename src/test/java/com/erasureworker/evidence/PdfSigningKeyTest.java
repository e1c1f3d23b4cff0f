package com.erasureworker.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.erasureworker.audit.AuditCheckpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PDF signing key as an operator gives it (PKCS#8 EC P-256 or RSA, from openssl), refused when missing outside
 * dev and test, and a PDF signed with each: poppler's pdfsig and the offline verifier, pinned to the key, accept it.
 */
class PdfSigningKeyTest {

    private static final Path VERIFIER = Path.of("src/verifier/Verify.java").toAbsolutePath();

    @TempDir
    Path files;

    @Test
    void anEcOrRsaPkcs8KeyIsReadWithItsPublicKey() throws Exception {
        for (KeyPair pair : List.of(ec(), rsa())) {
            String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                    pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";

            KeyPair read = PdfSigningKey.readKey(pem);

            assertThat(read.getPublic()).isEqualTo(pair.getPublic());
            assertThat(read.getPrivate()).isEqualTo(pair.getPrivate());
        }
    }

    @Test
    void withoutAKeyAProductionStartIsRefused() {
        // Outside a Quarkus test or dev run the launch mode is NORMAL, as in production.
        assertThatThrownBy(() -> new PdfSigningKey(Optional.empty(), Optional.empty()))
                .hasMessageContaining("PDF_SIGNING_KEY is not set");
        assertThatThrownBy(() -> new PdfSigningKey(Optional.of("bm90IGEga2V5"), Optional.empty()))
                .hasMessageContaining("PDF_SIGNING_KEY is not a base64 PKCS#8 EC or RSA private key");
    }

    @Test
    void aCertificateOfAnotherKeyIsRefused() throws Exception {
        PdfSigningKey other = new PdfSigningKey(ec(), Optional.empty());
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(other.chain().get(0)
                .getEncoded()) + "\n-----END CERTIFICATE-----\n";

        assertThatThrownBy(() -> new PdfSigningKey(ec(), Optional.of(pem)))
                .hasMessageContaining("PDF_SIGNING_CERTIFICATE is not the certificate of PDF_SIGNING_KEY");
    }

    @Test
    void aPdfSignedWithAnRsaOrEcKeyIsValidForPdfsigAndTheVerifier() throws Exception {
        for (KeyPair pair : List.of(rsa(), ec())) {
            PdfSigningKey key = new PdfSigningKey(pair, Optional.empty());
            Certificate certificate = certificate();
            Path pdf = Files.write(files.resolve("certificate-" + pair.getPrivate().getAlgorithm() + ".pdf"),
                    new PdfSignature(key).sign(CertificatePdf.unsigned(certificate, "0123456789abcdef", key),
                            certificate));

            assertThat(run("pdfsig", pdf.toString())).contains("Signature is Valid.", "Total document signed");
            String verified = run(java(), VERIFIER.toString(), "--pdf-key=" + key.publicKeySha256(), auditKey(),
                    pdf.toString());
            assertThat(verified).contains("PDF signature valid (SHA256with", "signed by the expected key", "PASSED")
                    .doesNotContain("FAIL");
            String other = run(java(), VERIFIER.toString(), "--pdf-key=" + "0".repeat(64), auditKey(), pdf.toString());
            assertThat(other).contains("FAIL", "not the expected " + "0".repeat(64));
        }
    }

    private static Certificate certificate() {
        Instant now = Instant.parse("2026-12-08T10:00:00Z");
        return new Certificate(now, "dpo", UUID.randomUUID(), "UNIT-1", "DPO", "dpo", now, now, now, true, "ERASED",
                "FORCE_NOW", new Certificate.Subject("EMAIL", "ab".repeat(32)), List.of(),
                new Certificate.Entities(0, "cd".repeat(32), "/api/v1/erasure-requests/x/certificate/entities"),
                List.of(), new Certificate.Evidence(now, "all", List.of()), null, null,
                new AuditCheckpoint(7, "ef".repeat(32), now, "0123456789abcdef", "c2lnbmF0dXJl"), null);
    }

    private String auditKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        return Files.writeString(files.resolve("audit-key.pem"), "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder()
                .encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n").toString();
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
