package com.erasureworker.signin;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * In production the console and the API know people from one identity source. While the API takes only OIDC bearer
 * tokens (Basic off) and the console signs in with the form against the embedded users, each such user must be linked
 * to the OIDC person they are ({@code PERSONS_EMBEDDED_USERS_<NAME>}); otherwise one person would be two actors, and
 * could approve through the console what they submitted through the API. The start is refused, naming the users and
 * the ways out: link them, sign in to the console with the OIDC code flow, or enable Basic users for the API too.
 */
@ApplicationScoped
public class OneIdentitySource {

    private static final Logger LOG = Logger.getLogger(OneIdentitySource.class);
    static final String USERS = "quarkus.security.users.embedded.users.";

    void refuseTwoIdentitySources(@Observes @Priority(-1) StartupEvent event, PeopleConfig people) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        boolean oidc = config.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(true);
        boolean basic = config.getOptionalValue("api.basic-auth.enabled", Boolean.class).orElse(false);
        String console = config.getOptionalValue("quarkus.http.auth.permission.console.auth-mechanism", String.class)
                .orElse("form");
        boolean embedded = config.getOptionalValue("quarkus.security.users.embedded.enabled", Boolean.class)
                .orElse(false);
        Set<String> users = new TreeSet<>();
        if (embedded) {
            for (String key : config.getPropertyNames()) {
                if (key.startsWith(USERS)) {
                    users.add(key.substring(USERS.length()));
                }
            }
        }
        List<String> refusals = refusals(oidc, basic, console, users, people.embeddedUsers());
        if (!refusals.isEmpty()) {
            LOG.error(refusals.get(0));
            throw new IllegalStateException(refusals.get(0));
        }
    }

    /** Pure: what to refuse, given the sign-in settings, the embedded users and their links to OIDC person ids. */
    static List<String> refusals(boolean oidc, boolean basic, String consoleMechanism, Set<String> users,
            Map<String, String> links) {
        if (!oidc || basic || !"form".equalsIgnoreCase(consoleMechanism.strip())) {
            return List.of();
        }
        List<String> unlinked = users.stream()
                .filter(user -> !links.containsKey(user) || links.get(user).isBlank()).sorted().toList();
        if (unlinked.isEmpty()) {
            return List.of();
        }
        return List.of("The API knows people from OIDC only, but the console signs in embedded users " + unlinked
                + " who are linked to no OIDC person: one person would be two actors for four-eyes approval. Link "
                + "each (PERSONS_EMBEDDED_USERS_<NAME>=<their OIDC " + "person id>), or sign in to the console with "
                + "OIDC (CONSOLE_AUTH_MECHANISM=code, CONSOLE_OIDC_ENABLED=true), or enable Basic users for the API "
                + "too (API_BASIC_AUTH_ENABLED=true).");
    }
}
