package com.erasureworker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The production start refuses the published demo users, and only them. */
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
}
