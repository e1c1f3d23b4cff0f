package com.erasureworker.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** One page of conversations in csid order, with Dixa's {@code {"data": [...], "meta": {...}}} envelope. */
final class ConversationPage {
    private ConversationPage() {
    }

    static Map<String, Object> of(SimulatorStore store, PageRequest page, Predicate<StoredConversation> match,
            Function<StoredConversation, Object> view, String apiVersion, String path, String filterQuery) {
        synchronized (store) {
            List<StoredConversation> found = new ArrayList<>(store.scan(page.after(), page.before(), page.limit(), match));
            boolean more = found.size() > page.limit();
            if (more) {
                found.remove(found.size() - 1);
            }
            boolean hasNext;
            boolean hasPrevious;
            if (page.before() != null) {
                Collections.reverse(found);
                hasPrevious = more;
                hasNext = true;
            } else {
                hasNext = more;
                hasPrevious = page.after() != null;
            }
            String next = hasNext && !found.isEmpty() ? "after=" + found.get(found.size() - 1).id : null;
            String previous = hasPrevious && !found.isEmpty() ? "before=" + found.get(0).id : null;
            return Map.of("data", found.stream().map(view).toList(),
                    "meta", page.meta(apiVersion, path, filterQuery, next, previous));
        }
    }

    /** One page at {@code page.offset()} of the matches in csid order; O(offset + page) per call. */
    static Map<String, Object> offset(SimulatorStore store, PageRequest page, Predicate<StoredConversation> match,
            Function<StoredConversation, Object> view, String apiVersion, String path) {
        synchronized (store) {
            List<StoredConversation> found = store.scan(null, null, page.offset() + page.limit(), match);
            List<StoredConversation> slice = found.subList(Math.min(page.offset(), found.size()),
                    Math.min(page.offset() + page.limit(), found.size()));
            boolean more = found.size() > page.offset() + page.limit();
            String next = more ? "offset=" + (page.offset() + page.limit()) : null;
            String previous = page.offset() > 0 ? "offset=" + Math.max(0, page.offset() - page.limit()) : null;
            return Map.of("data", slice.stream().map(view).toList(),
                    "meta", page.meta(apiVersion, path, "", next, previous));
        }
    }
}
