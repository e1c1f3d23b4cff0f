package com.erasureworker.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.RequestState;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the console refuses: an auditor sees no action and a forged action from their session is 403; a state change
 * without the session's token or from another origin is 403 and changes nothing; a bad e-mail shows the API's field
 * error next to its input; the API keeps answering Basic challenges as problems, never a sign-in redirect.
 */
@QuarkusTest
class ConsoleSecurityTest {

    private static Browser browser;

    @BeforeAll
    static void launch() {
        browser = new Browser();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @Test
    void anAuditorSeesNoActionControlAndAForgedActionFromTheirSessionIsForbidden() {
        String id = ticketInProgress();
        Page page = browser.signedIn("auditor");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Submit"))).hasCount(0);
        page.navigate(Browser.base() + "/console/tickets/" + id);
        assertThat(page.locator("#ticket-state")).hasText("IN_PROGRESS");
        assertThat(page.locator("main button")).hasCount(0);
        assertThat(page.locator("main form")).hasCount(0);

        String token = Browser.csrfToken(page);
        for (String action : List.of("cancel", "retry", "extend")) {
            APIResponse forged = page.request().post(Browser.base() + "/console/tickets/" + id + "/" + action,
                    RequestOptions.create().setForm(FormData.create().set("csrf-token", token)
                            .set("dueDate", "2099-01-01").set("reason", "forged")));
            assertThat(forged.status()).as(action).isEqualTo(403);
        }
        APIResponse submit = page.request().post(Browser.base() + "/console/tickets", RequestOptions.create()
                .setForm(FormData.create().set("csrf-token", token).set("ticketRef", "FORGED-" + UUID.randomUUID())
                        .set("subjectKind", "conversationIds").set("subjectValue", "1")));
        assertThat(submit.status()).isEqualTo(403);
        assertThat(page.request().get(Browser.base() + "/console/tickets/new").status()).isEqualTo(403);
        assertThat(state(id)).isEqualTo(RequestState.IN_PROGRESS);
        page.context().close();
    }

    @Test
    void aStateChangeWithoutTheSessionsTokenOrFromAnotherSiteIsRefusedAndChangesNothing() {
        String id = ticketInProgress();
        Page page = browser.signedIn("dpo");
        String url = Browser.base() + "/console/tickets/" + id + "/cancel";

        APIResponse noToken = page.request().post(url, RequestOptions.create().setForm(FormData.create().set("x", "1")));
        APIResponse wrongToken = page.request().post(url, RequestOptions.create()
                .setForm(FormData.create().set("csrf-token", "not-the-token")));
        APIResponse otherSite = page.request().post(url, RequestOptions.create()
                .setHeader("Origin", "https://evil.example").setHeader("X-CSRF-Token", Browser.csrfToken(page)));

        assertThat(List.of(noToken.status(), wrongToken.status(), otherSite.status())).containsOnly(403);
        assertThat(noToken.text()).contains("csrf");
        assertThat(state(id)).isEqualTo(RequestState.IN_PROGRESS);

        APIResponse withToken = page.request().post(url, RequestOptions.create()
                .setForm(FormData.create().set("csrf-token", Browser.csrfToken(page)))
                .setMaxRedirects(0));
        assertThat(withToken.status()).isEqualTo(303);
        assertThat(state(id)).isEqualTo(RequestState.CANCELLED);
        page.context().close();
    }

    @Test
    void aBadEmailShowsTheApisFieldErrorNextToTheSubjectAndRecordsNothing() {
        String ref = "CONSOLE-BAD-" + UUID.randomUUID().toString().substring(0, 8);
        Page page = browser.signedIn("dpo");
        page.navigate(Browser.base() + "/console/tickets/new");
        page.getByLabel("Ticket reference (your key").fill(ref);
        page.getByLabel("Subject").selectOption("email");
        page.getByLabel("Value").fill("not-an-address");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit ticket")).click();

        assertThat(page.locator("#subject-error")).containsText("subject.email");
        assertThat(page.getByLabel("Value")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Value")).hasValue("");
        assertThat(QuarkusTransaction.requiringNew().call(() -> ErasureRequest.findByTicketRef(ref))).isEmpty();
        Browser.screenshot(page, "console-submit-error.png");
        page.context().close();
    }

    @Test
    void signedOutPeopleAreSentToSignInWhileTheApiStillAnswersBasicChallengesAsProblems() {
        given().redirects().follow(false).get("/console/tickets").then().statusCode(302)
                .header("Location", containsString("/console/sign-in"));
        given().get("/api/v1/erasure-requests").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Basic"));
        given().auth().preemptive().basic("auditor", "auditor-demo-password").get("/api/v1/erasure-requests")
                .then().statusCode(200);
        given().auth().preemptive().basic("auditor", "auditor-demo-password").redirects().follow(false)
                .get("/console/tickets").then().statusCode(302);
    }

    private static String ticketInProgress() {
        return given().auth().preemptive().basic("dpo", "dpo-demo-password").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", "CONSOLE-SEC-" + UUID.randomUUID(), "subject",
                        Map.of("conversationIds", List.of(4242))))
                .post("/api/v1/erasure-requests").then().statusCode(equalTo(202)).extract().path("id");
    }

    private static RequestState state(String id) {
        return QuarkusTransaction.requiringNew().call(() -> ErasureRequest.<ErasureRequest>findById(UUID.fromString(id)).state);
    }
}
