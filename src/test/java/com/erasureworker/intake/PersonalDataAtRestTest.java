package com.erasureworker.intake;

import static com.erasureworker.intake.Api.submit;
import static com.erasureworker.intake.Api.ticketRef;
import static org.assertj.core.api.Assertions.assertThat;

import com.erasureworker.simulator.DixaSimulator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** After e-mail and phone tickets, no text column of any table holds the address or the number. */
@QuarkusTest
class PersonalDataAtRestTest {

    private static final String EMAIL = "erase.me.completely@example.com";
    private static final String PHONE = "+4531415926";

    @Inject
    DixaSimulator simulator;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void freshDixa() {
        simulator.reset();
        simulator.disableRateLimit();
    }

    @Test
    void noTextColumnContainsTheEmailOrThePhoneOfTheSubject() {
        simulator.addEndUser(EMAIL, PHONE);
        submit(Map.of("ticketRef", ticketRef("DPO-rest-mail"), "subject", Map.of("email", EMAIL),
                "reason", "as requested by " + EMAIL)).then().statusCode(202);
        submit(Map.of("ticketRef", ticketRef("DPO-rest-phone"), "subject", Map.of("phone", PHONE),
                "reason", "as requested by " + PHONE)).then().statusCode(202);
        submit(Map.of("ticketRef", ticketRef("DPO-rest-none"), "subject", Map.of("email", "x" + EMAIL)))
                .then().statusCode(202);

        List<String> hits = DatabaseRows.textColumnsContaining(dataSource, "erase.me.completely",
                PHONE.substring(1), "31 41 59 26");
        assertThat(hits).as("columns holding the address or number").isEmpty();
    }
}
