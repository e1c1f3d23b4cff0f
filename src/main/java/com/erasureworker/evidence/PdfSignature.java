package com.erasureworker.evidence;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a certificate PDF the way PDF readers check it (PAdES basic): an incremental update adds a signature whose
 * CMS SignedData ({@code adbe.pkcs7.detached}, SHA-256, signer certificate included) covers every byte of the file but
 * the signature itself. Its reason names the CERTIFICATE_ISSUED audit event, which binds the PDF to the audit chain.
 */
@ApplicationScoped
public class PdfSignature {

    /** Prefix of the signature's reason; the offline verifier reads the ticket and the audit event from it. */
    static final String REASON = "Certificate of erasure";

    private final PdfSigningKey key;

    PdfSignature(PdfSigningKey key) {
        this.key = key;
    }

    PdfSigningKey key() {
        return key;
    }

    byte[] sign(byte[] unsigned, Certificate c) {
        try (PDDocument document = Loader.loadPDF(unsigned); SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
            signature.setName("Dixa GDPR erasure worker");
            signature.setReason(reason(c));
            Calendar signedAt = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            signedAt.setTimeInMillis(c.issuedAt().toEpochMilli());
            signature.setSignDate(signedAt);
            document.addSignature(signature, content -> cms(content.readAllBytes()), options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(unsigned.length + 20_000);
            document.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "Certificate of erasure of ticket <id>; audit event <sequence> hash <hash>": ASCII, one line. */
    static String reason(Certificate c) {
        return REASON + " of ticket " + c.ticketId() + (c.checkpoint() == null ? ""
                : "; audit event " + c.checkpoint().sequence() + " hash " + c.checkpoint().hash());
    }

    private byte[] cms(byte[] content) throws IOException {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder(PdfSigningKey.signatureAlgorithm(key.privateKey()))
                            .build(key.privateKey()), key.chain().get(0)));
            generator.addCertificates(new JcaCertStore(key.chain()));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new IOException("the certificate PDF could not be signed", e);
        }
    }
}
