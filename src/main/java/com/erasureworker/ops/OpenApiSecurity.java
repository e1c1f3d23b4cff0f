package com.erasureworker.ops;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Declares production's sign-in in the OpenAPI document: an OIDC bearer token ({@code bearer}), beside HTTP Basic
 * (Quarkus' {@code SecurityScheme}, from quarkus.smallrye-openapi.security-scheme). Every operation that requires
 * Basic accepts either. Registered with mp.openapi.filter.
 */
public class OpenApiSecurity implements OASFilter {

    static final String BEARER = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("OIDC access token of the configured issuer (production); roles from OIDC_ROLE_CLAIM"));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            List<SecurityRequirement> security = operation.getSecurity();
            if (security == null || security.isEmpty()
                    || security.stream().anyMatch(requirement -> requirement.hasScheme(BEARER))) {
                return;
            }
            List<SecurityRequirement> either = new ArrayList<>(security);
            List<String> roles = security.get(0).getSchemes().values().stream().findFirst().orElse(List.of());
            either.add(OASFactory.createSecurityRequirement().addScheme(BEARER, roles));
            operation.setSecurity(either);
        }));
    }
}
