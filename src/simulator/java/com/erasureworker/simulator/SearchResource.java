package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Dixa's filtered conversation search, ordered by csid. The page key only holds the last csid, so the client sends
 * the same body again with {@code meta.next}; each page costs O(page) however far the sweep has paged.
 * Anonymized conversations are still found (their metadata survives anonymization).
 */
@Path("/simulator/{apiVersion}/search")
@Produces(MediaType.APPLICATION_JSON)
@UnlessBuildProfile("prod")
public class SearchResource {
    @Inject
    SimulatorStore store;

    @POST
    @Path("conversations")
    public Object conversations(@PathParam("apiVersion") String apiVersion, @QueryParam("pageLimit") String pageLimit,
            @QueryParam("pageKey") String pageKey, String body) {
        RequestValues.version(apiVersion);
        PageRequest page = PageRequest.of(pageLimit, pageKey);
        Predicate<StoredConversation> match = ConversationSearch.parse(RequestValues.json(body));
        return ConversationPage.of(store, page, match, SearchResource::hit, apiVersion, "/search/conversations", "");
    }

    private static Object hit(StoredConversation conversation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", conversation.id);
        json.put("highlights", Map.of());
        return json;
    }
}
