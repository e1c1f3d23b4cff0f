package com.erasureworker.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/operations.md's configuration table lists exactly the variables .env.example sets. */
class ConfigurationTableTest {

    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Z][A-Z0-9_]*)=.*$");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([A-Z][A-Z0-9_]*)`\\s*\\|.*$");

    @Test
    void theConfigurationTableAndEnvExampleListTheSameVariables() {
        Set<String> example = new TreeSet<>();
        for (String line : Markdown.lines(Markdown.root().resolve(".env.example"))) {
            Matcher assignment = ASSIGNMENT.matcher(line);
            if (assignment.matches()) {
                example.add(assignment.group(1));
            }
        }
        Set<String> table = configurationTable();
        Set<String> missingInTable = new TreeSet<>(example);
        missingInTable.removeAll(table);
        Set<String> missingInExample = new TreeSet<>(table);
        missingInExample.removeAll(example);
        assertThat(example).as(".env.example variables").hasSizeGreaterThan(50);
        assertThat(missingInTable).as("in .env.example, missing in docs/operations.md#configuration").isEmpty();
        assertThat(missingInExample).as("in docs/operations.md#configuration, missing in .env.example").isEmpty();
    }

    /** First-column variable names of the table under the heading "## Configuration", up to the next heading. */
    private static Set<String> configurationTable() {
        List<String> lines = Markdown.lines(Markdown.root().resolve("docs/operations.md"));
        Set<String> names = new TreeSet<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("#")) {
                inSection = line.equals("## Configuration");
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (inSection && row.matches()) {
                names.add(row.group(1));
            }
        }
        return names;
    }
}
