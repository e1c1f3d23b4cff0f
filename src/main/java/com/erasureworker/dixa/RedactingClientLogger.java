package com.erasureworker.dixa;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.api.ClientLogger;

/**
 * Replaces the REST client's default request/response logger (picked up as a CDI bean), which would print headers,
 * among them the Dixa token, and bodies and query strings, which can hold e-mail addresses or phone numbers. Active
 * only when an operator sets {@code quarkus.rest-client.logging.scope=request-response}; it then logs the method,
 * the path without query and the status: enough to follow traffic, nothing personal or secret.
 */
@ApplicationScoped
public class RedactingClientLogger implements ClientLogger {

    private static final Logger LOG = Logger.getLogger(RedactingClientLogger.class);

    @Override
    public void setBodySize(int bodySize) {
        // Bodies are never logged, whatever size is configured.
    }

    @Override
    public void logRequest(HttpClientRequest request, Buffer body, boolean omitBody) {
        LOG.debugf("Dixa request %s %s", request.getMethod(), withoutQuery(request.getURI()));
    }

    @Override
    public void logResponse(HttpClientResponse response, boolean redirect) {
        LOG.debugf("Dixa response %d to %s %s", response.statusCode(), response.request().getMethod(),
                withoutQuery(response.request().getURI()));
    }

    private static String withoutQuery(String uri) {
        int query = uri == null ? -1 : uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
