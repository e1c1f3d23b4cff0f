package com.erasureworker.evidence;

/**
 * The certificate PDF's last page: how anyone checks it without trusting the service: the PDF's own signature, the
 * audit key and where its public key is served, and the offline verifier's command (docs/verifying-proof.md).
 */
final class CertificateVerificationPage {

    private CertificateVerificationPage() {
    }

    static void write(PdfLines pdf, Certificate c, String auditKeyId, PdfSigningKey pdfKey) {
        String api = "https://<worker>/api/v1";
        pdf.page().title("How to verify this certificate");
        pdf.heading("1. This PDF's signature");
        pdf.line("This file is signed (PDF signature, CMS adbe.pkcs7.detached, " + pdfKey.algorithm() + ") by")
                .line("    " + pdfKey.chain().get(0).getSubjectX500Principal().getName())
                .line("    signing public key SHA-256 " + pdfKey.publicKeySha256())
                .line("    (served at GET " + api + "/certificate-signing-key)")
                .line("A PDF reader that checks signatures shows it as valid while no byte has changed (checked with "
                        + "poppler's pdfsig, the engine of Okular and Evince: `pdfsig certificate.pdf`). The signature "
                        + "names the audit event that recorded this issue.");
        pdf.heading("2. The audit trail");
        if (c.checkpoint() != null) {
            pdf.line("This issue is audit event " + c.checkpoint().sequence() + " (CERTIFICATE_ISSUED), hash")
                    .line("    " + c.checkpoint().hash())
                    .line("signed in a checkpoint with the Ed25519 audit key " + auditKeyId + ".");
        }
        pdf.line("The public key is served at GET " + api + "/audit-events/public-key (roles auditor, admin, dpo);")
                .line("compare its keyId with " + auditKeyId + ".");
        pdf.heading("3. Check offline, with only a Java 17 runtime");
        pdf.line("Download the public key, the chain, its checkpoints and this PDF (or the JSON certificate), then run "
                + "the verifier, one Java source file (src/verifier/Verify.java in the worker's repository):")
                .line("    curl -u auditor " + api + "/audit-events/public-key | jq -r .pem > audit-key.pem")
                .line("    curl -u auditor '" + api + "/audit-events/chain?fromSequence=1' > chain.jsonl")
                .line("    curl -u auditor " + api + "/audit-events/checkpoints > checkpoints.jsonl")
                .line("    java Verify.java audit-key.pem chain.jsonl checkpoints.jsonl certificate.pdf")
                .line("It checks every event's hash and link, every checkpoint's signature and link, this PDF's "
                        + "signature, and that the event named above sits in the verified chain; it prints what it "
                        + "checked and stops at the first failure. Add --pdf-key=" + pdfKey.publicKeySha256())
                .line("to require this signing key. The JSON certificate carries an Ed25519 signature of its own "
                        + "(signature.value, key " + auditKeyId + ").");
    }
}
