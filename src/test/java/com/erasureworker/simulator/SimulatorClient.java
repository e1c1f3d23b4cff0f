package com.erasureworker.simulator;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/** RestAssured requests to the simulator as the worker sends them: raw token, JSON, under /simulator/{version}. */
final class SimulatorClient {
    private SimulatorClient() {
    }

    static String token() {
        return ConfigProvider.getConfig().getValue("dixa.api-token", String.class);
    }

    static RequestSpecification v1() {
        return version("v1");
    }

    static RequestSpecification beta() {
        return version("beta");
    }

    static RequestSpecification version(String apiVersion) {
        return given().basePath("/simulator/" + apiVersion).header("Authorization", token())
                .contentType(ContentType.JSON);
    }
}
