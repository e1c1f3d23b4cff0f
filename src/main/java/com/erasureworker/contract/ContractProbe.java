package com.erasureworker.contract;

import com.erasureworker.dixa.DixaClient;
import com.erasureworker.dixa.DixaConfig;
import com.erasureworker.dixa.DixaOutcome;
import com.erasureworker.dixa.DixaOutcome.Kind;
import com.erasureworker.dixa.DixaTenantProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Asks Dixa the three questions of the self-check, two calls in all: does the base URL and version answer as Dixa
 * (a route that must exist, {@code GET /<version>/agents?pageLimit=1}, answers 200), is the token accepted (the
 * same call), and may the token read anonymization status (a random request id answers 404, not 401/403). Each
 * check says whether Dixa's answer decided it ({@link ContractCheck#answered()}): a 5xx, a timeout, a 429 or an empty
 * local rate budget decides nothing.
 */
@ApplicationScoped
class ContractProbe {

    static final String ROUTE = "route";
    static final String TOKEN = "token";
    static final String STATUS = "anonymization-status";

    private final DixaTenantProbe probe;
    private final DixaClient dixa;
    private final DixaConfig config;
    private final Clock clock;

    ContractProbe(DixaTenantProbe probe, DixaClient dixa, DixaConfig config, Clock clock) {
        this.probe = probe;
        this.dixa = dixa;
        this.config = config;
        this.clock = clock;
    }

    List<ContractCheck> run() {
        String version = config.apiVersion().name();
        String agents = "GET /" + version + "/agents?pageLimit=1";
        DixaOutcome<Void> route = probe.agentsRoute();
        Instant routeAt = Instant.now(clock);
        ContractCheck routeCheck = switch (route.kind()) {
            case OK, UNAUTHORIZED -> pass(ROUTE, routeAt, agents, route, "the base URL and version answer as Dixa");
            case NOT_FOUND -> fail(ROUTE, routeAt, agents, route, "404 on a route every tenant has: DIXA_API_URL ("
                    + config.apiUrl() + ") or DIXA_API_VERSION (" + version + ") does not point at Dixa's API");
            case TRANSIENT, RATE_LIMITED, PAUSED -> unanswered(ROUTE, routeAt, agents, route);
            default -> fail(ROUTE, routeAt, agents, route, "unexpected answer (" + route.kind() + ")");
        };
        ContractCheck tokenCheck = switch (route.kind()) {
            case OK -> pass(TOKEN, routeAt, agents, route, "the token is accepted");
            case UNAUTHORIZED -> fail(TOKEN, routeAt, agents, route, "Dixa refuses the token (DIXA_API_TOKEN)");
            case NOT_FOUND -> fail(TOKEN, routeAt, agents, route, "not known: the route check found no Dixa API");
            case TRANSIENT, RATE_LIMITED, PAUSED -> unanswered(TOKEN, routeAt, agents, route);
            default -> fail(TOKEN, routeAt, agents, route, "not known: the route check got an unexpected answer");
        };
        String statusPath = "GET /" + version + "/anonymization/request/{random id}";
        DixaOutcome<?> status = dixa.getAnonymizationRequest(UUID.randomUUID());
        Instant statusAt = Instant.now(clock);
        ContractCheck statusCheck = switch (status.kind()) {
            // Behind a wrong URL or version every path is a 404: then this one says nothing.
            case NOT_FOUND -> route.kind() == Kind.NOT_FOUND
                    ? fail(STATUS, statusAt, statusPath, status, "not known: the route check found no Dixa API")
                    : pass(STATUS, statusAt, statusPath, status, "the token may read anonymization status");
            case UNAUTHORIZED -> fail(STATUS, statusAt, statusPath, status, "the token may not read anonymization status "
                    + "(" + status.lastStatus() + "): give it the anonymization right, or no erasure can be followed");
            case OK -> fail(STATUS, statusAt, statusPath, status, "a random request id answered 200: not Dixa's API");
            case TRANSIENT, RATE_LIMITED, PAUSED -> unanswered(STATUS, statusAt, statusPath, status);
            default -> fail(STATUS, statusAt, statusPath, status, "unexpected answer (" + status.kind() + ")");
        };
        return List.of(routeCheck, tokenCheck, statusCheck);
    }

    /** A transient answer: it decides nothing, the last definitive answer of the check stands. */
    private static ContractCheck unanswered(String name, Instant at, String request, DixaOutcome<?> outcome) {
        return new ContractCheck(name, false, at, request, outcome.lastStatus(), outcome.message(),
                "Dixa did not answer definitively (" + outcome.kind()
                        + (outcome.lastStatus() == 0 ? "" : " " + outcome.lastStatus()) + "); asked again soon", false, null);
    }

    private static ContractCheck pass(String name, Instant at, String request, DixaOutcome<?> outcome, String meaning) {
        return new ContractCheck(name, true, at, request, outcome.lastStatus(), outcome.message(), meaning, true, at);
    }

    private static ContractCheck fail(String name, Instant at, String request, DixaOutcome<?> outcome, String meaning) {
        return new ContractCheck(name, false, at, request, outcome.lastStatus(), outcome.message(), meaning, true, at);
    }
}
