package com.erasureworker.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document tells clients they may sign in with an OIDC bearer token as well as with Basic. */
@QuarkusTest
class OpenApiSecurityTest {

    @Test
    void theDocumentDeclaresBearerBesideBasicAndEveryProtectedOperationAcceptsEither() {
        JsonPath document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> schemes = document.getMap("components.securitySchemes");
        assertThat(schemes.get("bearer")).containsEntry("type", "http").containsEntry("scheme", "bearer");
        assertThat(schemes.values()).anySatisfy(scheme -> assertThat(scheme).containsEntry("scheme", "basic"));

        List<Map<String, Object>> security = document.getList("paths.'/api/v1/erasure-requests'.post.security");
        assertThat(security).hasSizeGreaterThanOrEqualTo(2);
        assertThat(security).anySatisfy(requirement -> assertThat(requirement).containsKey("bearer"));
        assertThat(security).anySatisfy(requirement -> assertThat(requirement).doesNotContainKey("bearer"));
    }
}
