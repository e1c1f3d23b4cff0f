package com.erasureworker.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README stays a door and every relative link in README.md and docs/ lands on a file and heading that exist. */
class DocumentationLinksTest {

    private static final int README_MAX_LINES = 260;

    @Test
    void everyRelativeLinkResolvesToAFileInTheRepositoryAndItsHeading() {
        Path root = Markdown.root();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : Markdown.documents()) {
            for (Markdown.Link link : Markdown.links(file)) {
                String target = link.target();
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // https:, mailto: … are not ours to check offline
                }
                checked++;
                String where = root.relativize(file) + ":" + link.line() + " → " + target;
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                if (!resolved.startsWith(root)) {
                    broken.add(where + " (outside the repository)");
                } else if (!Files.exists(resolved)) {
                    broken.add(where + " (no such file)");
                } else if (anchor != null && resolved.toString().endsWith(".md")) {
                    Set<String> anchors = Markdown.anchors(resolved);
                    if (!anchors.contains(anchor)) {
                        broken.add(where + " (no heading with this anchor; there are " + anchors + ")");
                    }
                }
            }
        }
        assertThat(checked).as("relative links found").isGreaterThan(20);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theReadmeIsReadInTenMinutes() {
        List<String> lines = Markdown.lines(Markdown.root().resolve("README.md"));
        assertThat(lines.size()).as("README.md lines (the manual belongs in docs/)").isLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void headingsBecomeTheAnchorsGitHubGivesThem() {
        assertThat(Markdown.slug("Erasure tickets: `/api/v1/erasure-requests`"))
                .isEqualTo("erasure-tickets-apiv1erasure-requests");
        assertThat(Markdown.slug("The Dixa contract self-check and the live canary"))
                .isEqualTo("the-dixa-contract-self-check-and-the-live-canary");
        assertThat(Markdown.slug("A 20,000-conversation sweep, enumeration to certificate"))
                .isEqualTo("a-20000-conversation-sweep-enumeration-to-certificate");
    }
}
