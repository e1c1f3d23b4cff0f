package com.erasureworker.evidence;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The key that signs certificate PDFs, served so an auditor can pin it (the verifier's --pdf-key). */
@Path("/api/v1/certificate-signing-key")
@Tag(name = "Erasure requests")
public class CertificateSigningKeyResource {

    @Schema(name = "CertificateSigningKey")
    public record SigningKey(@Schema(description = "ECDSA with SHA-256, or RSA with SHA-256") String algorithm,
            @Schema(description = "SHA-256 (hex) of the public key's SubjectPublicKeyInfo: the verifier's --pdf-key")
            String publicKeySha256,
            String subject,
            @Schema(description = "the signing certificate (chain), PEM") String certificatePem,
            @Schema(description = "the audit key (Ed25519) that signs JSON certificates is at "
                    + "GET /api/v1/audit-events/public-key") String jsonCertificates) {
    }

    private final PdfSigningKey key;

    CertificateSigningKeyResource(PdfSigningKey key) {
        this.key = key;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "auditor", "admin", "dpo" })
    @Operation(summary = "The key and certificate that sign certificate PDFs (JSON certificates are signed with the "
            + "audit key)", description = "Roles: auditor, admin, dpo.")
    public SigningKey signingKey() {
        return new SigningKey(key.algorithm(), key.publicKeySha256(), key.chain().get(0).getSubjectX500Principal()
                .getName(), key.chain().stream().map(CertificateSigningKeyResource::pem).collect(Collectors.joining()),
                "/api/v1/audit-events/public-key");
    }

    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
