package com.erasureworker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The production start refuses published and short passwords: demo users, any demo or example password, < 16. */
class ProductionUsersGuardTest {

    private static final Map<String, Set<String>> DEMO = Map.of("dpo", Set.of("dpo-demo-password"),
            "admin", Set.of("admin-demo-password"));

    @Test
    void aDemoUserWithItsDemoPasswordIsFound() {
        Map<String, String> active = Map.of("dpo", "dpo-demo-password", "alice", "s3cret");

        assertThat(ProductionUsersGuard.demoUsersInUse(DEMO, name -> Optional.ofNullable(active.get(name))))
                .containsExactly("dpo");
    }

    @Test
    void aDemoNameWithARealPasswordAndOtherUsersPass() {
        Map<String, String> active = Map.of("dpo", "a-real-long-password", "alice", "admin-demo-password");

        assertThat(ProductionUsersGuard.demoUsersInUse(DEMO, name -> Optional.ofNullable(active.get(name)))).isEmpty();
    }

    @Test
    void theMessageNamesTheUsersAndHowToFixIt() {
        assertThat(ProductionUsersGuard.message(java.util.List.of("admin", "dpo")))
                .contains("[admin, dpo]").contains("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_");
    }

    @Test
    void thePasswordsOfDotEnvExampleAreRefused() throws Exception {
        Map<String, String> active = Map.of("alice", "change-me", "bob", "change-me-too");
        assertThat(ProductionUsersGuard.weakPasswords(active, DEMO)).containsExactly("alice", "bob");
        // and the file itself ships none: every QUARKUS_SECURITY_USERS_EMBEDDED_USERS_ line is empty
        assertThat(java.nio.file.Files.readAllLines(java.nio.file.Path.of(".env.example")))
                .filteredOn(line -> line.startsWith("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_")
                        || line.startsWith("QUARKUS_DATASOURCE_PASSWORD") || line.startsWith("QUARKUS_FLYWAY_PASSWORD"))
                .allSatisfy(line -> assertThat(line).endsWith("="));
    }

    @Test
    void aDemoPasswordUnderAnotherUserNameIsRefused() {
        assertThat(ProductionUsersGuard.weakPasswords(Map.of("carol", "admin-demo-password-but-longer"),
                Map.of("admin", Set.of("admin-demo-password-but-longer")))).containsExactly("carol");
    }

    @Test
    void aTenCharacterPasswordIsRefusedAndSixteenArePlentyEnough() {
        assertThat(ProductionUsersGuard.weakPasswords(Map.of("dave", "0123456789"), DEMO)).containsExactly("dave");
        assertThat(ProductionUsersGuard.weakPasswords(Map.of("erin", "k3P-9xq!Lm2#vR7w"), DEMO)).isEmpty();
        assertThat(ProductionUsersGuard.weakMessage(java.util.List.of("dave"))).contains("[dave]").contains("16");
    }
}
