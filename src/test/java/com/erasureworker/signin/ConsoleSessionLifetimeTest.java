package com.erasureworker.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.testing.SettableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Console sessions end on the server: after CONSOLE_SESSION_MAX_AGE (12 h) from sign-in, whatever the cookie says, and
 * at sign-out, so a copied cookie no longer works.
 */
@QuarkusTest
class ConsoleSessionLifetimeTest {

    @Inject
    SettableClock clock;

    @AfterEach
    void thaw() {
        clock.thaw();
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInThoughItsCookieIsStillFresh() {
        ConsoleForm auditor = ConsoleForm.signIn("auditor", "auditor-demo-password");
        assertThat(auditor.get("/console").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(auditor.get("/console").statusCode()).as("within the lifetime").isEqualTo(200);

        clock.advance(Duration.ofMinutes(2));
        Response late = auditor.get("/console");
        assertThat(late.statusCode()).isEqualTo(303);
        assertThat(late.header("Location")).contains("/console/sign-in");
        assertThat(auditor.get("/console/tickets").statusCode()).isEqualTo(303);

        ConsoleForm again = ConsoleForm.signIn("auditor", "auditor-demo-password");
        assertThat(again.get("/console").statusCode()).as("a new sign-in starts a new session").isEqualTo(200);
    }

    @Test
    void aCopiedCookieNoLongerWorksAfterSignOut() {
        ConsoleForm dpo = ConsoleForm.signIn("dpo", "dpo-demo-password");
        Map<String, String> copied = dpo.cookies();
        assertThat(copied).containsKeys("console-session", ConsoleSessions.COOKIE);

        Response signOut = dpo.post("/console", "/console/sign-out", Map.of());
        assertThat(signOut.statusCode()).isEqualTo(303);

        Response replayed = io.restassured.RestAssured.given().cookies(copied).redirects().follow(false)
                .get("/console");
        assertThat(replayed.statusCode()).isEqualTo(303);
        assertThat(replayed.header("Location")).contains("/console/sign-in");
        assertThat(ConsoleForm.signIn("dpo", "dpo-demo-password").get("/console").statusCode()).isEqualTo(200);
    }

    @Test
    void theSessionCookieWithoutItsServerSideSessionIsRefused() {
        ConsoleForm admin = ConsoleForm.signIn("admin", "admin-demo-password");
        Response withoutId = io.restassured.RestAssured.given()
                .cookie("console-session", admin.cookies().get("console-session")).redirects().follow(false)
                .get("/console");
        assertThat(withoutId.statusCode()).isEqualTo(303);
        // Another person's session id does not fit this session cookie either.
        ConsoleForm dpo = ConsoleForm.signIn("dpo", "dpo-demo-password");
        Response mixed = io.restassured.RestAssured.given()
                .cookie("console-session", admin.cookies().get("console-session"))
                .cookie(ConsoleSessions.COOKIE, dpo.cookies().get(ConsoleSessions.COOKIE)).redirects().follow(false)
                .get("/console");
        assertThat(mixed.statusCode()).isEqualTo(303);
    }
}
