package com.erasureworker.signin;

import com.erasureworker.api.BasicSignInSwitch;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;

/**
 * Guards the console's form sign-in ({@code POST /console/j_security_check}, checked by Quarkus' form mechanism)
 * against password guessing. Before the check: an address whose failure budget is spent gets 429 and nothing is
 * checked. After the check, before the answer leaves: a failure (redirect to the error page) is counted into the same
 * throttle and {@code SIGN_IN_FAILURES} aggregation as the API's ({@link SignInFailures}); and while the user name's
 * own budget is spent, an address that has failed itself gets 429 whatever the password was (no session cookie), so a
 * guesser learns nothing while the real user, from an address without failures, still signs in. A success gets the
 * server-side session's id cookie ({@link ConsoleSessions}).
 */
@ApplicationScoped
public class FormSignIns {

    static final String ROUTE = "/console/j_security_check";
    /**
     * Just before Quarkus' own handler of the form post (HttpSecurityRecorder.formAuthPostHandler, route order
     * -{@value SecurityHandlerPriorities#FORM_AUTHENTICATION}), which checks the password and ends the answer or fails
     * the request: a later route, e.g. at the API throttle's -5, never sees the post.
     */
    private static final int ORDER = -SecurityHandlerPriorities.FORM_AUTHENTICATION - 1;
    private static final String BODY = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too many failed sign-ins</title></head>
            <body><h1>Too many failed sign-ins</h1><p>Too many failed sign-ins from your address or for this user
            name. Wait a minute, then <a href="/console/sign-in">sign in again</a>.</p></body></html>""";

    private final SignInThrottle throttle;
    private final SignInFailures failures;
    private final ConsoleSessions sessions;

    FormSignIns(SignInThrottle throttle, SignInFailures failures, ConsoleSessions sessions) {
        this.throttle = throttle;
        this.failures = failures;
        this.sessions = sessions;
    }

    void install(@Observes Router router) {
        router.post(ROUTE).order(ORDER).handler(this::guard);
    }

    private void guard(RoutingContext context) {
        String address = SignInThrottle.address(context);
        if (throttle.exhausted(address)) {
            context.response().setStatusCode(429).putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                    .putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttle.retryAfterSeconds()))
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(BODY);
            return;
        }
        context.addHeadersEndHandler(end -> {
            // The form mechanism has read the body by now.
            String user = userName(context.request().getFormAttribute("j_username"));
            HttpServerResponse response = context.response();
            boolean throttled = throttle.userThrottledFor(user, address);
            boolean succeeded = succeeded(response);
            if (!succeeded) {
                failures.formFailed(address, user);
            }
            if (throttled) {
                refuseAfterTheCheck(response);
            } else if (succeeded) {
                // The server-side session this sign-in starts (absolute lifetime, revoked at sign-out).
                String person = context.request().getFormAttribute("j_username");
                // Secure as the form cookie is: by the request's scheme, as trusted-proxy forwarding resolves it.
                response.addCookie(sessions.start(person == null ? "" : person,
                        "https".equalsIgnoreCase(context.request().scheme())));
            }
        });
        context.next();
    }

    /** The mechanism's success is a redirect away from the sign-in page; a failure redirects to its error page. */
    private static boolean succeeded(HttpServerResponse response) {
        String location = response.headers().get(HttpHeaders.LOCATION);
        int status = response.getStatusCode();
        return (status == 302 || status == 303) && location != null && !location.contains("/console/sign-in");
    }

    private void refuseAfterTheCheck(HttpServerResponse response) {
        response.setStatusCode(429);
        response.headers().remove(HttpHeaders.LOCATION);
        List<String> kept = response.headers().getAll(HttpHeaders.SET_COOKIE).stream()
                .filter(cookie -> !cookie.startsWith(BasicSignInSwitch.CONSOLE_COOKIE + "=")).toList();
        response.headers().remove(HttpHeaders.SET_COOKIE);
        kept.forEach(cookie -> response.headers().add(HttpHeaders.SET_COOKIE, cookie));
        response.removeCookie(BasicSignInSwitch.CONSOLE_COOKIE, false);
        response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttle.retryAfterSeconds()));
    }

    /** Names are compared as people type them, case aside; kept in memory only, never logged or audited. */
    private static String userName(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }
}
