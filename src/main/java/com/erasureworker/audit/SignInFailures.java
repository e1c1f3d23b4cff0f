package com.erasureworker.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts every failed sign-in into the audit trail: the path and the kind of failure, not the user name tried (it may
 * be anything a caller typed) nor the caller's address. Observed asynchronously: authentication runs on the I/O
 * thread, which must not wait for the database.
 */
@ApplicationScoped
class SignInFailures {

    private final AuditTrail audit;

    SignInFailures(AuditTrail audit) {
        this.audit = audit;
    }

    void record(@ObservesAsync AuthenticationFailureEvent event) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("failure", event.getAuthenticationFailure().getClass().getSimpleName());
        Object context = event.getEventProperties().get(RoutingContext.class.getName());
        if (context instanceof RoutingContext routing) {
            detail.put("method", routing.request().method().name());
            detail.put("path", routing.normalizedPath());
        }
        QuarkusTransaction.requiringNew().run(() -> audit.record(AuditType.SIGN_IN_FAILED, "anonymous", null, null, detail));
    }
}
