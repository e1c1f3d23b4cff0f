package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dixa's agent list (paged): the route the worker's contract self-check asks for with {@code pageLimit=1}. */
@Path("/simulator/{apiVersion}/agents")
@Produces(MediaType.APPLICATION_JSON)
@UnlessBuildProfile("prod")
public class AgentResource {
    @Inject
    SimulatorStore store;

    @GET
    public Object list(@PathParam("apiVersion") String apiVersion, @QueryParam("pageLimit") String pageLimit,
            @QueryParam("pageKey") String pageKey) {
        RequestValues.version(apiVersion);
        PageRequest page = PageRequest.of(pageLimit, pageKey);
        List<Agent> agents = store.agents();
        int from = Math.min(page.offset(), agents.size());
        int to = Math.min(from + page.limit(), agents.size());
        String next = to < agents.size() ? "offset=" + to : null;
        String previous = from > 0 ? "offset=" + Math.max(0, from - page.limit()) : null;
        return Map.of("data", agents.subList(from, to).stream().map(AgentResource::json).toList(),
                "meta", page.meta(apiVersion, "/agents", "", next, previous));
    }

    private static Map<String, Object> json(Agent agent) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", agent.id());
        json.put("displayName", agent.name());
        json.put("email", agent.email());
        json.put("roles", List.of(agent.admin() ? "Admin" : "Agent"));
        return json;
    }
}
