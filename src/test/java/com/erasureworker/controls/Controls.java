package com.erasureworker.controls;

import static io.restassured.RestAssured.given;

import com.erasureworker.simulator.SimCall;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The control APIs as the demo users of the test profile call them, and how Dixa calls are told apart. */
final class Controls {

    static final String TICKETS = "/api/v1/erasure-requests";
    static final String PROCESSING = "/api/v1/processing";
    static final String HOLDS = "/api/v1/legal-holds";

    private Controls() {
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo-password").contentType(ContentType.JSON);
    }

    static String submit(String user, Map<String, Object> subject, String closePolicy) {
        return as(user).body(Map.of("ticketRef", "CTL-" + UUID.randomUUID(), "subject", subject,
                "closePolicy", closePolicy)).post(TICKETS).then().statusCode(202).extract().path("id");
    }

    static JsonPath ticket(String id) {
        return as("auditor").get(TICKETS + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> history(String id) {
        return as("auditor").get(TICKETS + "/" + id + "/history").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    /** Audit events of one type (not tied to a ticket: pause, holds), newest last. */
    static List<Map<String, Object>> events(String type) {
        return as("auditor").queryParam("type", type).queryParam("size", 500).get("/api/v1/audit-events").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    /** Releases every hold still active, so no other test meets it (conversation ids repeat after a simulator reset). */
    static void releaseAllHolds() {
        List<String> active = as("admin").queryParam("active", true).queryParam("size", 200).get(HOLDS).then()
                .statusCode(200).extract().jsonPath().getList("items.id");
        active.forEach(id -> as("admin").body(Map.of("reason", "test clean-up")).post(HOLDS + "/" + id + "/release")
                .then().statusCode(200));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> detail(Map<String, Object> event) {
        return (Map<String, Object>) event.get("detail");
    }

    /** Anything that changes something at Dixa: every non-GET except the filtered search. */
    static boolean isWrite(SimCall call) {
        return !"GET".equals(call.method()) && !call.path().contains("/search/");
    }

    static boolean isAnonymize(SimCall call) {
        return call.path().endsWith("/anonymize");
    }

    static boolean isStatusRead(SimCall call) {
        return "GET".equals(call.method()) && call.path().contains("/anonymization/request/");
    }
}
