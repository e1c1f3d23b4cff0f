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

    @Inject
    SimulatorModes modes;

    @POST
    @Path("conversations")
    public Object conversations(@PathParam("apiVersion") String apiVersion, @QueryParam("pageLimit") String pageLimit,
            @QueryParam("pageKey") String pageKey, String body) {
        RequestValues.version(apiVersion);
        Predicate<StoredConversation> match = ConversationSearch.parse(RequestValues.json(body),
                modes.closedDateIsFirstClose());
        if (modes.searchDepthCap() > 0) {
            return offsetPage(pageLimit, pageKey, match, apiVersion);
        }
        PageRequest page = PageRequest.of(pageLimit, pageKey);
        return ConversationPage.of(store, page, match, SearchResource::hit, apiVersion, "/search/conversations", "");
    }

    /** Offset paging with a depth cap and a maximum page size, each refused with a 400 beyond it. */
    private Object offsetPage(String pageLimit, String pageKey, Predicate<StoredConversation> match,
            String apiVersion) {
        if (pageLimit != null && pageLimit.matches("\\d+") && Integer.parseInt(pageLimit) > modes.searchMaxPageSize()) {
            throw DixaError.badRequest("Invalid value for: query parameter pageLimit (at most "
                    + modes.searchMaxPageSize() + ")");
        }
        PageRequest page = PageRequest.of(pageLimit, pageKey);
        if (page.after() != null || page.before() != null) {
            throw DixaError.badRequest("Invalid value for: query parameter pageKey");
        }
        if (page.offset() + page.limit() > modes.searchDepthCap()) {
            throw DixaError.badRequest("Result window is too large: offset + pageLimit must be at most "
                    + modes.searchDepthCap());
        }
        return ConversationPage.offset(store, page, match, SearchResource::hit, apiVersion, "/search/conversations");
    }

    private static Object hit(StoredConversation conversation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", conversation.id);
        json.put("highlights", Map.of());
        return json;
    }
}
