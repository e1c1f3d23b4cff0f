package com.erasureworker.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.RequestState;
import com.erasureworker.pipeline.ManualPipeline;
import com.erasureworker.simulator.ConversationState;
import com.erasureworker.simulator.DixaSimulator;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser, as a DPO and an auditor use it: submit, watch the ticket complete without reloading,
 * read a target's timeline, download the certificate; search, export and verify the audit trail. Writes the README's
 * screenshots into docs/.
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static final String EMAIL = "console.subject@example.com";
    private static final String PHONE = "+4571234567";
    private static Browser browser;

    @Inject
    DixaSimulator simulator;
    @Inject
    ManualPipeline pipeline;

    private final List<String> seen = new ArrayList<>();

    @BeforeAll
    static void launch() {
        browser = new Browser();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @BeforeEach
    void start() {
        simulator.reset();
        simulator.disableRateLimit();
    }

    @AfterEach
    void stop() {
        // Whatever the pages showed: never the subject's address or number (nor any e-mail address at all).
        assertThat(seen).allSatisfy(html -> assertThat(html).doesNotContain(EMAIL).doesNotContain(PHONE)
                .doesNotContain(PHONE.substring(1)).doesNotContainPattern("[\\w.+-]+@[\\w-]+\\.[a-z]{2,}"));
    }

    @Test
    void aDpoSubmitsAForceNowTicketWatchesItCompleteReadsTheTimelineAndDownloadsTheCertificate() throws Exception {
        UUID user = simulator.addEndUser(EMAIL, PHONE);
        long first = simulator.addConversation(user, ConversationState.Closed, "Email", Instant.now());
        long second = simulator.addConversation(user, ConversationState.Closed, "Chat", Instant.now());
        long open = simulator.addConversation(user, ConversationState.Open, "Email", Instant.now());
        String ref = "CONSOLE-" + UUID.randomUUID().toString().substring(0, 8);

        Page page = browser.signedIn("dpo");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Submit")).click();
        page.getByLabel("Ticket reference").fill(ref);
        page.getByLabel("Subject").selectOption("conversationIds");
        page.getByLabel("Value").fill(first + ", " + second + " " + open);
        page.getByLabel("Close now").check();
        page.getByLabel("Reason").fill("Art. 17 request by letter");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit ticket")).click();
        page.waitForURL(url -> url.matches(".*/console/tickets/[0-9a-f-]{36}"));
        seen.add(page.content());

        AtomicInteger loads = new AtomicInteger();
        page.onLoad(p -> loads.incrementAndGet());
        // The pipeline and evidence capture run by hand; the open page follows them live.
        UUID ticket = UUID.fromString(page.url().substring(page.url().lastIndexOf('/') + 1));
        assertThat(pipeline.runUntilSettled(ticket)).isEqualTo(RequestState.COMPLETED);
        assertThat(pipeline.captureEvidence()).isEqualTo(1);
        assertThat(page.locator("#ticket-state")).hasText("COMPLETED",
                new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(page.locator("#certificate-pdf")).isVisible(
                new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        assertThat(loads.get()).as("page loads while waiting").isZero();
        assertThat(page.locator("#ticket-live")).containsText("DONE 3");
        seen.add(page.content());
        Browser.screenshot(page, "console-ticket.png");

        Download download = page.waitForDownload(() -> page.locator("#certificate-pdf").click());
        byte[] pdf = Files.readAllBytes(download.path());
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains(ref);
        }

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("CONVERSATION " + open)).click();
        assertThat(page.locator("#timeline")).containsText("NOTE_POSTED");
        assertThat(page.locator("#timeline")).containsText("CONVERSATION_FORCE_CLOSED");
        assertThat(page.locator("#timeline")).containsText("STATUS_OBSERVED");
        assertThat(page.locator("main")).containsText("VERIFIED");
        seen.add(page.content());

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard")).click();
        assertThat(page.locator("#h-budget")).isVisible();
        seen.add(page.content());
        Browser.screenshot(page, "console-dashboard.png");
        page.setViewportSize(390, 844);
        page.reload();
        Browser.screenshot(page, "console-dashboard-phone.png");
        page.context().close();

        Page auditor = browser.signedIn("auditor");
        auditor.navigate(Browser.base() + "/console/audit");
        auditor.getByLabel("Ticket reference").fill(ref);
        auditor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        assertThat(auditor.locator("table")).containsText("TICKET_RECEIVED");
        assertThat(auditor.locator("table")).containsText("TICKET_COMPLETED");
        seen.add(auditor.content());

        Download csv = auditor.waitForDownload(() -> auditor.locator("#export-csv").click());
        String exported = Files.readString(csv.path());
        assertThat(exported).startsWith("sequence,occurredAt,actor,requestId,ticketRef,targetId,type,detail,hash");
        assertThat(exported).contains(ref).contains("TICKET_COMPLETED").doesNotContain(EMAIL);

        auditor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify the chain")).click();
        // The whole chain is recomputed: in the full suite it holds other tests' 100,000 events.
        assertThat(auditor.locator("#verification-result")).containsText("valid",
                new LocatorAssertions.ContainsTextOptions().setTimeout(180_000));
        assertThat(auditor.locator("#verification-result")).not().containsText("INVALID");
        seen.add(auditor.content());
        Browser.screenshot(auditor, "console-audit.png");
        auditor.context().close();
    }

    @Test
    void aDpoPausesProcessingFromTheControlsPageEveryPageSaysSoAndOnlyAnAdminResumes() {
        Page page = browser.signedIn("dpo");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Controls")).click();
        page.locator("#pause-reason").fill("suspected breach");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pause all processing")).click();
        assertThat(page.locator(".banner")).containsText("Processing is paused");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resume processing")))
                .hasCount(0);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tickets")).click();
        assertThat(page.locator(".banner")).isVisible();
        seen.add(page.content());
        page.context().close();

        Page admin = browser.signedIn("admin");
        admin.navigate(Browser.base() + "/console/controls");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resume processing")).click();
        assertThat(admin.locator(".banner")).hasCount(0);
        assertThat(admin.locator("main")).containsText("Processing runs.");
        seen.add(admin.content());
        admin.context().close();
    }
}
