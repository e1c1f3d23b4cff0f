package com.erasureworker.console;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Debian's Chromium driven by Playwright (its own browser download does not work here: BUILD-NOTES.md), one browser
 * per test class, one fresh context (cookies) per person signing in.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("console.chromium", "/usr/bin/chromium");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    Browser() {
        if (!Files.isExecutable(Paths.get(CHROMIUM))) {
            throw new IllegalStateException(CHROMIUM + " is missing: apt-get install -y chromium (see README, Console)");
        }
        // The machine may be shared and loaded: give pages and htmx swaps time rather than fail on a slow answer.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
                .setExecutablePath(Paths.get(CHROMIUM)).setArgs(List.of("--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run")));
    }

    static String base() {
        return "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    /** A new browser session at 1280x800, signed in as {@code user} (demo password), on the dashboard. */
    Page signedIn(String user) {
        return signedIn(user, 1280, 800);
    }

    Page signedIn(String user, int width, int height) {
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(width, height).setAcceptDownloads(true));
        Page page = context.newPage();
        page.navigate(base() + "/console/sign-in");
        page.getByLabel("User name").fill(user);
        page.getByLabel("Password").fill(user + "-demo-password");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(base() + "/console");
        return page;
    }

    /** The page's CSRF token, as a forged request from the same session would copy it. */
    static String csrfToken(Page page) {
        return page.locator("input[name=csrf-token]").first().inputValue();
    }

    /**
     * Into target/screenshots, or with {@code -Dconsole.screenshots=docs} into docs/ for the README (run the browser
     * test alone then: in the whole suite the pages show other tests' data).
     */
    static void screenshot(Page page, String file) {
        Path path = Paths.get(System.getProperty("console.screenshots", "target/screenshots"), file);
        page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(false));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
