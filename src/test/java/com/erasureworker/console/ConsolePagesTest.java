package com.erasureworker.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rest of the console in the browser: the ticket list with the API's filters (and its 400 for a bad one), a
 * deadline extension through htmx, the retention policy (admins edit, others read) and a dry-run sweep.
 */
@QuarkusTest
class ConsolePagesTest {

    private static Browser browser;

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @BeforeAll
    static void launch() {
        browser = new Browser();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @Test
    void theTicketListFiltersLikeTheApiAndADpoExtendsADeadlineWithoutLeavingThePage() {
        String ref = "CONSOLE-LIST-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().auth().preemptive().basic("dpo", "dpo-demo-password").contentType(ContentType.JSON)
                .body(Map.of("ticketRef", ref, "subject", Map.of("conversationIds", List.of(777))))
                .post("/api/v1/erasure-requests").then().statusCode(202).extract().path("id");
        Page page = browser.signedIn("dpo");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tickets").setExact(true)).click();
        page.getByLabel("Ticket reference").fill(ref);
        page.getByLabel("State").selectOption("IN_PROGRESS");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
        assertThat(page.locator("tbody tr")).hasCount(1);
        assertThat(page.locator("tbody")).containsText(ref);

        page.navigate(Browser.base() + "/console/tickets?overdue=maybe");
        assertThat(page.locator("[role=alert]")).containsText("overdue: must be true or false");

        page.navigate(Browser.base() + "/console/tickets/" + id);
        String later = LocalDate.now(ZoneOffset.UTC).plusMonths(2).toString();
        page.getByLabel("New due date").fill(later);
        page.getByLabel("Reason for the extension").fill("complex request, Art. 12(3)");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Extend deadline")).click();
        assertThat(page.locator("#ticket-live [role=alert]")).containsText("Deadline extended.");
        assertThat(page.locator("#ticket-live")).containsText(later + " 23:59:59 UTC");

        page.getByLabel("New due date").fill(LocalDate.now(ZoneOffset.UTC).plusYears(2).toString());
        page.getByLabel("Reason for the extension").fill("too late");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Extend deadline")).click();
        assertThat(page.locator("#ticket-live [role=alert]")).containsText("dueAt");
        page.context().close();
    }

    @Test
    void anAdminEditsTheRetentionPolicyAndStartsADryRunWhileAnAuditorOnlyReadsIt() throws Exception {
        // With the pipeline off, runs other tests queued never end; one run at a time, so close them first.
        try (var connection = dataSource.getConnection(); var sql = connection.createStatement()) {
            sql.executeUpdate("update sweep_run set state = 'FAILED' where state in ('QUEUED', 'ENUMERATING', 'ENQUEUING')");
        }
        Page admin = browser.signedIn("admin");
        admin.navigate(Browser.base() + "/console/retention");
        admin.getByLabel("Erase conversations closed more than this many days ago").fill("0");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save policy")).click();
        assertThat(admin.locator("[role=alert]")).containsText("closedMoreThanDays");

        admin.getByLabel("Erase conversations closed more than this many days ago").fill("400");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save policy")).click();
        assertThat(admin.getByLabel("Erase conversations closed more than this many days ago")).hasValue("400");

        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start sweep")).click();
        assertThat(admin.locator("h1")).containsText("dry run");
        assertThat(admin.locator("main")).containsText("400 days");
        admin.context().close();

        Page auditor = browser.signedIn("auditor");
        auditor.navigate(Browser.base() + "/console/retention");
        assertThat(auditor.locator("main")).containsText("400 days");
        assertThat(auditor.locator("main form")).hasCount(0);
        auditor.context().close();
    }
}
