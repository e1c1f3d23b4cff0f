package com.erasureworker.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The console's htmx is served at the unversioned path the layout names (quarkus-web-dependency-locator). */
@QuarkusTest
class ConsoleAssetsTest {

    @Test
    void htmxIsServedWithoutItsVersionInThePath() {
        given().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200).body(containsString("htmx"));
    }
}
