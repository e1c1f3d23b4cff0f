package com.erasureworker.signin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * Who a signed-in actor is ({@link People}) and how long a console session lasts ({@link ConsoleSessions}). The OIDC
 * claim that names a person is Quarkus' own {@code quarkus.oidc.token.principal-claim} ({@code OIDC_PERSON_CLAIM}).
 */
@ConfigMapping(prefix = "persons")
public interface PeopleConfig {

    /** The OIDC claim shown as a person's display name next to the id; the id itself when the token lacks it. */
    @WithDefault("name")
    String displayNameClaim();

    /**
     * Embedded (Basic/form) user name → the person id the same person has through OIDC
     * ({@code PERSONS_EMBEDDED_USERS_<NAME>}): a token with that id then acts as the embedded user, so four-eyes
     * sees one person whichever way they signed in.
     */
    Map<String, String> embeddedUsers();

    /** Absolute lifetime of a console session from sign-in, whatever the cookie says ({@code CONSOLE_SESSION_MAX_AGE}). */
    @WithDefault("12H")
    Duration consoleSessionMaxAge();
}
