package com.erasureworker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Mermaid block in README.md and docs/*.md whose first line is {@code %% TicketTransitions} or
 * {@code %% TargetTransitions} lists exactly its table's transitions ({@code A --> B : event} lines), no more, no less.
 */
class StateDiagramsTest {

    private static final Map<String, Supplier<List<String>>> TABLES = Map.of(
            "%% TicketTransitions", TicketTransitions::diagram,
            "%% TargetTransitions", TargetTransitions::mermaid);
    private static final Pattern BLOCK = Pattern.compile("```mermaid\\R(.*?)```", Pattern.DOTALL);
    private static final Pattern LINE = Pattern.compile("^\\s*(\\S+)\\s*-->\\s*(\\S+)\\s*:\\s*(.+?)\\s*$");

    record Diagram(Path file, String marker, List<String> transitions) {
    }

    @Test
    void everyMarkedDiagramListsExactlyItsTablesTransitions() throws IOException {
        List<Diagram> diagrams = diagrams();
        assertThat(diagrams).extracting(Diagram::marker).as("docs/state-machines.md draws both tables")
                .contains("%% TicketTransitions", "%% TargetTransitions");
        for (Diagram diagram : diagrams) {
            assertThat(diagram.transitions()).as(diagram.file() + " " + diagram.marker()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(TABLES.get(diagram.marker()).get());
        }
    }

    @Test
    void aDiagramWithAMissingOrExtraTransitionIsCaught() {
        List<String> ticket = new ArrayList<>(TicketTransitions.diagram());
        String markdown = "```mermaid\n%% TicketTransitions\nstateDiagram-v2\n" + String.join("\n", ticket.subList(1,
                ticket.size())) + "\n    COMPLETED --> IN_PROGRESS : Retry\n```\n";
        List<String> parsed = parse(Path.of("x.md"), markdown).get(0).transitions();
        assertThat(parsed).doesNotContain(ticket.get(0)).contains("COMPLETED --> IN_PROGRESS : Retry");
        assertThat(parsed).doesNotContainSequence(TicketTransitions.diagram());
    }

    private static List<Diagram> diagrams() throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.exists(Path.of("README.md"))) {
            files.add(Path.of("README.md"));
        }
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Diagram> diagrams = new ArrayList<>();
        for (Path file : files) {
            diagrams.addAll(parse(file, Files.readString(file)));
        }
        return diagrams;
    }

    static List<Diagram> parse(Path file, String markdown) {
        List<Diagram> diagrams = new ArrayList<>();
        Matcher block = BLOCK.matcher(markdown);
        while (block.find()) {
            List<String> lines = block.group(1).lines().toList();
            String marker = lines.isEmpty() ? "" : lines.get(0).trim();
            if (!TABLES.containsKey(marker)) {
                continue;
            }
            List<String> transitions = new ArrayList<>();
            for (String line : lines) {
                Matcher transition = LINE.matcher(line);
                if (transition.matches()) {
                    transitions.add(transition.group(1) + " --> " + transition.group(2) + " : " + transition.group(3));
                }
            }
            diagrams.add(new Diagram(file, marker, transitions));
        }
        return diagrams;
    }
}
