package com.erasureworker.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Production refuses a console whose form users the API (OIDC only) would not know as the same people. */
class OneIdentitySourceTest {

    @Test
    void formUsersUnlinkedToOidcPersonsAreRefusedWhileTheApiTakesOnlyOidc() {
        assertThat(OneIdentitySource.refusals(true, false, "form", Set.of("dana", "erik"), Map.of("dana", "sub-1")))
                .singleElement().asString().contains("[erik]").contains("PERSONS_EMBEDDED_USERS_<NAME>")
                .contains("CONSOLE_AUTH_MECHANISM=code").contains("API_BASIC_AUTH_ENABLED=true");
    }

    @Test
    void oneIdentitySourceStarts() {
        // every form user linked; the console on the code flow; Basic on for both; OIDC off; no form users at all
        assertThat(OneIdentitySource.refusals(true, false, "form", Set.of("dana"), Map.of("dana", "sub-1"))).isEmpty();
        assertThat(OneIdentitySource.refusals(true, false, "code", Set.of("dana"), Map.of())).isEmpty();
        assertThat(OneIdentitySource.refusals(true, true, "form", Set.of("dana"), Map.of())).isEmpty();
        assertThat(OneIdentitySource.refusals(false, false, "form", Set.of("dana"), Map.of())).isEmpty();
        assertThat(OneIdentitySource.refusals(true, false, "form", Set.of(), Map.of())).isEmpty();
    }
}
