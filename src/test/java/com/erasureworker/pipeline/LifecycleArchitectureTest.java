package com.erasureworker.pipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.erasure.ErasureRequest;
import com.erasureworker.erasure.ErasureTarget;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ticket and target state is written only by the lifecycle: {@link TicketLifecycle} for {@code erasure_request},
 * {@link ErasureLifecycle} and {@link TransitionEffects} for {@code erasure_target} (and the entities' own factories
 * for a new row). The entities keep public fields for reading (Panache, views); this test is what refuses a write
 * elsewhere: a field set in the compiled main classes (ArchUnit), or SQL/JPQL that updates a state column.
 */
class LifecycleArchitectureTest {

    /** The columns a ticket's lifecycle owns (entity field names). */
    static final Set<String> TICKET_STATE = Set.of("state", "outcome", "completedAt", "decidedBy", "decidedAt",
            "lastError");
    /** Everything a target's lifecycle owns: all but its identity (id, ticket, type, Dixa id, priority, createdAt). */
    static final Set<String> TARGET_STATE = Set.of("state", "attempts", "lastError", "nextAttemptAt", "leaseOwner",
            "leaseUntil", "claimToken", "holdId", "waitingReason", "failedStep", "graceUntil", "notePostedAt",
            "forceClosedAt", "dixaRequestId", "initiatedAt", "acceptedAt", "processedAt", "processedSeenAt",
            "verifiedAt", "verification", "followsTargetId", "anonymizeRequestedAt", "updatedAt");
    private static final Map<Class<?>, Set<String>> OWNED = Map.of(ErasureRequest.class, TICKET_STATE,
            ErasureTarget.class, TARGET_STATE);
    /** The lifecycle classes, and the entities (whose factories write a new row's first state). */
    private static final Set<String> WRITERS = Set.of(TicketLifecycle.class.getName(), ErasureLifecycle.class.getName(),
            TransitionEffects.class.getName(), ErasureRequest.class.getName(), ErasureTarget.class.getName());

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.erasureworker");
    }

    @Test
    void noClassOutsideTheLifecycleSetsAStateFieldOfATicketOrTarget() {
        noClasses().that(outsideTheLifecycle()).should().setFieldWhere(stateField())
                .because("ticket and target state change only through TicketLifecycle / ErasureLifecycle")
                .check(main);
    }

    /** The rule above would pass vacuously if the compiled classes had no field sets left (an enhancer, say). */
    @Test
    void theRuleSeesTheLifecyclesOwnWrites() {
        assertThat(main.get(TransitionEffects.class).getFieldAccessesFromSelf())
                .anyMatch(access -> stateField().test(access) && access.getTarget().getName().equals("state"));
        assertThat(main.get(TicketLifecycle.class).getFieldAccessesFromSelf())
                .anyMatch(access -> stateField().test(access) && access.getTarget().getName().equals("outcome"));
    }

    @Test
    void noSqlOrJpqlOutsideTheLifecycleUpdatesAStateColumn() throws IOException {
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String name = file.toString().replace('\\', '/').replaceFirst("^src/main/java/", "")
                        .replaceFirst("\\.java$", "").replace('/', '.');
                if (!WRITERS.contains(name)) {
                    stateUpdates(Files.readString(file)).forEach(update -> offences.add(name + ": " + update));
                }
            }
        }
        assertThat(offences).as("state columns written outside the lifecycle").isEmpty();
    }

    @Test
    void theSqlScanFindsStateUpdatesAndLeavesOtherColumnsAlone() {
        assertThat(stateUpdates("em.createNativeQuery(\"update erasure_target set next_attempt_at = ?1 where x\")"))
                .hasSize(1);
        assertThat(stateUpdates("\"\"\"\n    UPDATE erasure_request\n  SET state = 'FAILED', outcome = ?\n\"\"\""))
                .hasSize(1);
        assertThat(stateUpdates("ErasureTarget.update(\"nextAttemptAt = ?1 where requestId = ?2\", now, id)"))
                .hasSize(1);
        assertThat(stateUpdates("\"update ErasureRequest r set r.outcome = null\"")).hasSize(1);
        assertThat(stateUpdates("\"update erasure_request set evidence_captured = true where id = ?1\"")).isEmpty();
        assertThat(stateUpdates("\"select state from erasure_target where id = ?1\"")).isEmpty();
    }

    private static final Pattern SQL_UPDATE = Pattern.compile(
            "update\\s+(erasure_target|erasure_request|ErasureTarget|ErasureRequest)\\b(.{0,400})", Pattern.DOTALL);
    private static final Pattern PANACHE_UPDATE = Pattern.compile("\\b(ErasureTarget|ErasureRequest)\\.update\\(");

    /** Each SQL/JPQL update of a ticket or target in the text whose SET names a state column. */
    static List<String> stateUpdates(String source) {
        List<String> found = new ArrayList<>();
        Matcher panache = PANACHE_UPDATE.matcher(source);
        while (panache.find()) {
            found.add(panache.group());
        }
        Matcher sql = Pattern.compile(SQL_UPDATE.pattern(), Pattern.DOTALL | Pattern.CASE_INSENSITIVE)
                .matcher(source);
        while (sql.find()) {
            String rest = sql.group(2);
            int where = rest.toLowerCase(Locale.ROOT).indexOf("where");
            String set = (where < 0 ? rest : rest.substring(0, where)).toLowerCase(Locale.ROOT);
            boolean target = sql.group(1).toLowerCase(Locale.ROOT).contains("target");
            for (String field : target ? TARGET_STATE : TICKET_STATE) {
                String column = field.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
                if (Pattern.compile("\\b(\\w+\\.)?(" + column + "|" + field.toLowerCase(Locale.ROOT) + ")\\s*=")
                        .matcher(set).find()) {
                    found.add(sql.group().lines().findFirst().orElse("").trim());
                    break;
                }
            }
        }
        return found;
    }

    private static DescribedPredicate<JavaClass> outsideTheLifecycle() {
        return DescribedPredicate.describe("are outside the lifecycle classes",
                javaClass -> !WRITERS.contains(javaClass.getName().replaceFirst("\\$.*$", "")));
    }

    private static DescribedPredicate<JavaFieldAccess> stateField() {
        return DescribedPredicate.describe("a state field of ErasureRequest or ErasureTarget", access -> {
            if (access.getAccessType() != JavaFieldAccess.AccessType.SET) {
                return false;
            }
            for (Map.Entry<Class<?>, Set<String>> owned : OWNED.entrySet()) {
                if (access.getTarget().getOwner().isEquivalentTo(owned.getKey())
                        && owned.getValue().contains(access.getTarget().getName())) {
                    return true;
                }
            }
            return false;
        });
    }
}
