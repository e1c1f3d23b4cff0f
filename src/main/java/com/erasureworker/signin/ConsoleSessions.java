package com.erasureworker.signin;

import com.erasureworker.api.BasicSignInSwitch;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Console sessions as the server sees them. Quarkus' form session cookie only knows an idle timeout and is valid
 * until it expires, whoever holds it; so a form sign-in also gets a session id cookie ({@value #COOKIE}), signed with
 * the session key and stating the person and when they signed in. Every console request needs both, for the same
 * person, within {@code CONSOLE_SESSION_MAX_AGE} of the sign-in (the application clock decides), and not signed out:
 * sign-out stores the id's SHA-256 as ended, so a copied pair of cookies stops working on every replica.
 */
@ApplicationScoped
public class ConsoleSessions {

    public static final String COOKIE = "console-sid";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final EntityManager entityManager;
    private final Clock clock;
    private final Duration maxAge;
    private final byte[] key;

    ConsoleSessions(EntityManager entityManager, Clock clock, PeopleConfig config,
            @ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.maxAge = config.consoleSessionMaxAge();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        // Without a configured key (refused in production with the form) a random one: sessions last this process.
        this.key = sessionKey.filter(k -> !k.isBlank()).map(k -> ("sid|" + k).getBytes(StandardCharsets.UTF_8))
                .orElse(random);
    }

    /** A session's id as its cookie carries it. */
    record SessionId(String person, Instant startedAt, String value) {
    }

    /** The cookie of a new session for a person who just signed in. */
    Cookie start(String person, boolean secure) {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        String body = B64.encodeToString(person.getBytes(StandardCharsets.UTF_8)) + "."
                + Instant.now(clock).getEpochSecond() + "." + B64.encodeToString(nonce);
        return Cookie.cookie(COOKIE, body + "." + mac(body)).setPath("/console").setHttpOnly(true).setSecure(secure)
                .setSameSite(CookieSameSite.STRICT);
    }

    /** Why this cookie does not carry a live session of this person, or null when it does. */
    String refusal(String cookieValue, String person) {
        Optional<SessionId> id = read(cookieValue);
        if (id.isEmpty() || !id.get().person().equals(person)) {
            return "no session";
        }
        if (!Instant.now(clock).isBefore(id.get().startedAt().plus(maxAge))) {
            return "expired";
        }
        boolean ended = QuarkusTransaction.joiningExisting().call(() -> !entityManager.createNativeQuery(
                "select 1 from console_session where id_hash = ?1").setParameter(1, hash(cookieValue))
                .getResultList().isEmpty());
        return ended ? "signed out" : null;
    }

    /** Sign-out: the session id is ended for every replica; ended ids past the lifetime are forgotten. */
    public void end(String cookieValue) {
        Optional<SessionId> id = read(cookieValue);
        if (id.isEmpty()) {
            return;
        }
        Instant now = Instant.now(clock);
        QuarkusTransaction.joiningExisting().run(() -> {
            entityManager.createNativeQuery("insert into console_session (id_hash, person, started_at, ended_at) "
                    + "values (?1, ?2, ?3, ?4) on conflict (id_hash) do nothing").setParameter(1, hash(cookieValue))
                    .setParameter(2, id.get().person()).setParameter(3, id.get().startedAt()).setParameter(4, now)
                    .executeUpdate();
            entityManager.createNativeQuery("delete from console_session where started_at < ?1")
                    .setParameter(1, now.minus(maxAge)).executeUpdate();
        });
    }

    private Optional<SessionId> read(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int lastDot = value.lastIndexOf('.');
        String[] parts = value.split("\\.");
        if (lastDot < 0 || parts.length != 4 || !MessageDigest.isEqual(mac(value.substring(0, lastDot))
                .getBytes(StandardCharsets.US_ASCII), parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SessionId(new String(Base64.getUrlDecoder().decode(parts[0]),
                    StandardCharsets.UTF_8), Instant.ofEpochSecond(Long.parseLong(parts[1])), value));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    private String mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Whether a request carries the form mechanism's session cookie (an OIDC code-flow session does not). */
    static boolean formSession(io.vertx.core.http.HttpServerRequest request) {
        return request.getCookie(BasicSignInSwitch.CONSOLE_COOKIE) != null;
    }
}
