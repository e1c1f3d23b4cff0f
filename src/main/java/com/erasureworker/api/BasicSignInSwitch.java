package com.erasureworker.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns HTTP Basic sign-in off at run time ({@code API_BASIC_AUTH_ENABLED=false}, the production default): Quarkus
 * fixes the Basic mechanism at build time, so this provider, asked before the users realm, refuses every user name and
 * password while the switch is off. With the switch on it steps aside and the embedded users realm decides.
 */
@ApplicationScoped
public class BasicSignInSwitch implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final boolean enabled;

    BasicSignInSwitch(@ConfigProperty(name = "api.basic-auth.enabled", defaultValue = "true") boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        if (enabled) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("Basic sign-in is off"));
    }

    /** Before the embedded users realm (priority 0). */
    @Override
    public int priority() {
        return 1000;
    }
}
