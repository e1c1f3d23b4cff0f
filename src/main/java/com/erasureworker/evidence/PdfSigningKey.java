package com.erasureworker.evidence;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The key and X.509 certificate that sign certificate PDFs (CMS, {@code adbe.pkcs7.detached}). PDF readers do not
 * accept Ed25519, so this is a second key: ECDSA P-256 or RSA ({@code PDF_SIGNING_KEY}, PKCS#8, base64 or PEM),
 * with the operator's certificate for it ({@code PDF_SIGNING_CERTIFICATE}, PEM) or else a self-signed one made at
 * start. Required in production (the start is refused without it); dev and test make a P-256 key per process.
 * Created at start, so a missing or broken key stops the start rather than the first certificate.
 */
@Startup
@ApplicationScoped
public class PdfSigningKey {

    private static final Logger LOG = Logger.getLogger(PdfSigningKey.class);
    static final String SUBJECT = "CN=Dixa GDPR erasure worker certificate signing, O=Dixa GDPR erasure worker";

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    @Inject
    PdfSigningKey(@ConfigProperty(name = "certificate.pdf-signing-key") Optional<String> key,
            @ConfigProperty(name = "certificate.pdf-signing-certificate") Optional<String> certificate) {
        this(key.filter(value -> !value.isBlank()).map(PdfSigningKey::readKey).orElseGet(PdfSigningKey::perProcess),
                certificate.filter(value -> !value.isBlank()));
    }

    PdfSigningKey(KeyPair pair, Optional<String> certificate) {
        this.privateKey = pair.getPrivate();
        this.chain = certificate.map(PdfSigningKey::readChain).orElseGet(() -> List.of(selfSigned(pair)));
        if (!chain.get(0).getPublicKey().equals(pair.getPublic()) && !matches(privateKey, chain.get(0))) {
            throw new IllegalStateException("PDF_SIGNING_CERTIFICATE is not the certificate of PDF_SIGNING_KEY");
        }
        LOG.infof("certificate PDFs are signed by %s (%s), public key SHA-256 %s", chain.get(0).getSubjectX500Principal(),
                algorithm(), publicKeySha256());
    }

    private static KeyPair perProcess() {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("PDF_SIGNING_KEY is not set: make an ECDSA P-256 key with `openssl genpkey "
                    + "-algorithm EC -pkeyopt ec_paramgen_curve:P-256` (or RSA) and give its base64 PKCS#8 (the PEM "
                    + "body); it signs certificate PDFs.");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#8 EC or RSA private key (base64 or PEM) with its public key. */
    static KeyPair readKey(String encoded) {
        try {
            byte[] der = Base64.getDecoder().decode(encoded.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            String algorithm = PrivateKeyInfo.getInstance(der).getPrivateKeyAlgorithm().getAlgorithm()
                    .equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : "EC";
            PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            return new KeyPair(publicKey(key, der), key);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("PDF_SIGNING_KEY is not a base64 PKCS#8 EC or RSA private key", e);
        }
    }

    /** The JDK derives no public key from a private one: RSA's is in the CRT key, EC's is d times the generator. */
    private static PublicKey publicKey(PrivateKey key, byte[] der) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(),
                    rsa.getPublicExponent()));
        }
        KeyFactory bc = KeyFactory.getInstance("EC", new BouncyCastleProvider());
        org.bouncycastle.jce.interfaces.ECPrivateKey ec = (org.bouncycastle.jce.interfaces.ECPrivateKey) bc
                .generatePrivate(new PKCS8EncodedKeySpec(der));
        ECPoint q = ec.getParameters().getG().multiply(ec.getD()).normalize();
        PublicKey bcPublic = bc.generatePublic(new ECPublicKeySpec(q, ec.getParameters()));
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(bcPublic.getEncoded()));
    }

    private static List<X509Certificate> readChain(String pem) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PDF_SIGNING_CERTIFICATE is not a PEM X.509 certificate (chain)", e);
        }
    }

    /** Ten years from the start of the current day: the same key gives a certificate of the same subject and serial. */
    private static X509Certificate selfSigned(KeyPair pair) {
        try {
            Instant from = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
            X500Name subject = new X500Name(SUBJECT);
            BigInteger serial = new BigInteger(1, MessageDigest.getInstance("SHA-256")
                    .digest(pair.getPublic().getEncoded()), 0, 16);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial, Date.from(from),
                    Date.from(from.plus(3650, ChronoUnit.DAYS)), subject, pair.getPublic());
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(signatureAlgorithm(pair.getPrivate())).build(pair.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("the self-signed PDF signing certificate could not be made", e);
        }
    }

    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        try {
            byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(signatureAlgorithm(key));
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signatureAlgorithm(key));
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String signatureAlgorithm(PrivateKey key) {
        return "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    List<X509Certificate> chain() {
        return chain;
    }

    /** "ECDSA P-256" or "RSA", as the verification page names it. */
    String algorithm() {
        return "RSA".equals(privateKey.getAlgorithm()) ? "RSA with SHA-256" : "ECDSA with SHA-256";
    }

    /** SHA-256 of the signing certificate's public key (SubjectPublicKeyInfo), hex: what the verifier prints. */
    String publicKeySha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(chain.get(0).getPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
