package com.erasureworker.signin;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Makes every signed-in actor a stable person id: through OIDC the configured claim ({@code OIDC_PERSON_CLAIM},
 * default {@code sub}), through Basic or the console's form the embedded user name. An OIDC id that an embedded user
 * is declared to be ({@code PERSONS_EMBEDDED_USERS_<NAME>}) acts under that user's name, so the principal name every
 * resource records and four-eyes compares is the same for one person on the API and in the console. The display name
 * (an OIDC claim, else the id) is kept per person id for pages to show next to it.
 */
@ApplicationScoped
public class People implements SecurityIdentityAugmentor {

    public static final String DISPLAY_NAME = "person.displayName";
    private static final int CACHE = 2_000;

    private final PeopleConfig config;
    private final EntityManager entityManager;
    private final Clock clock;
    private final Map<String, String> userOfOidcId;
    /** Display names as last written or read, so a request writes nothing unless a name changed. */
    private final Map<String, String> names = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHE;
        }
    });

    People(PeopleConfig config, EntityManager entityManager, Clock clock) {
        this.config = config;
        this.entityManager = entityManager;
        this.clock = clock;
        Map<String, String> reverse = new LinkedHashMap<>();
        config.embeddedUsers().forEach((user, oidcId) -> reverse.put(oidcId.strip(), user));
        this.userOfOidcId = Map.copyOf(reverse);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            // An embedded (Basic/form) user: the user name is the person id; pages look its display name up.
            return Uni.createFrom().item(identity);
        }
        String oidcId = token.getName();
        String person = userOfOidcId.getOrDefault(oidcId, oidcId);
        String display = Optional.ofNullable(token.<Object>getClaim(config.displayNameClaim())).map(Object::toString)
                .map(String::strip).filter(name -> !name.isEmpty()).orElse(person);
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity)
                .addAttribute(DISPLAY_NAME, display);
        if (!person.equals(oidcId)) {
            builder.setPrincipal(new QuarkusPrincipal(person));
        }
        SecurityIdentity augmented = builder.build();
        if (display.equals(person) || display.equals(names.get(person))) {
            return Uni.createFrom().item(augmented);
        }
        return context.runBlocking(() -> {
            remember(person, display);
            return augmented;
        });
    }

    /** How pages show a person: "Display Name (id)", or the id alone when no other name is known. */
    public String shown(String person) {
        if (person == null) {
            return null;
        }
        String name = displayName(person);
        return name.equals(person) ? person : name + " (" + person + ")";
    }

    /** The person's display name as last seen through OIDC, else the id. */
    public String displayName(String person) {
        String cached = names.get(person);
        if (cached != null) {
            return cached;
        }
        String stored = QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> rows = entityManager.createNativeQuery("select display_name from person where id = ?1")
                    .setParameter(1, person).getResultList();
            return rows.isEmpty() ? person : rows.get(0);
        });
        names.put(person, stored);
        return stored;
    }

    private void remember(String person, String display) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into person (id, display_name, seen_at) values (?1, ?2, ?3) on conflict (id) do update "
                        + "set display_name = excluded.display_name, seen_at = excluded.seen_at")
                .setParameter(1, person).setParameter(2, display).setParameter(3, Instant.now(clock)).executeUpdate());
        names.put(person, display);
    }
}
