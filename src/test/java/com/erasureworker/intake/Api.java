package com.erasureworker.intake;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** The erasure-request API as the demo users of the test profile call it. */
final class Api {

    static final String BASE = "/api/v1/erasure-requests";

    private Api() {
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password").contentType(ContentType.JSON);
    }

    static RequestSpecification asDpo() {
        return as("dpo");
    }

    static RequestSpecification asAuditor() {
        return as("auditor");
    }

    static Response submit(Object body) {
        return asDpo().contentType(ContentType.JSON).body(body).post(BASE);
    }

    /** A ticketRef no other test uses, so tests stay independent without deleting rows. */
    static String ticketRef(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static Map<String, Object> conversations(String ticketRef, long... ids) {
        return Map.of("ticketRef", ticketRef, "subject", Map.of("conversationIds", ids));
    }
}
