package com.erasureworker.dixa;

import com.erasureworker.dixa.DixaOutcome.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** Follows Dixa's {@code meta.next} links page by page to the end. */
public final class DixaPagination {

    private DixaPagination() {
    }

    /**
     * Fetches pages until {@code meta.next} is missing, handing each page's items to {@code sink} as it arrives (so a
     * long listing never sits in memory). Stops at the first page that fails and returns that failure, with the calls
     * of every page made. A next link that repeats a key already followed is an error, not an endless loop.
     *
     * @param fetch one page for a page key ({@code null} = first page)
     * @return the number of items handed to the sink
     */
    public static <T> DixaOutcome<Long> forEachPage(Function<String, DixaOutcome<Page<T>>> fetch, Consumer<List<T>> sink) {
        List<DixaCall> calls = new ArrayList<>();
        Set<String> seenKeys = new HashSet<>();
        String pageKey = null;
        long count = 0;
        while (true) {
            DixaOutcome<Page<T>> page = fetch.apply(pageKey);
            calls.addAll(page.calls());
            if (!page.isOk()) {
                return DixaOutcome.failure(page.kind(), page.message(), page.retryAfter(), calls);
            }
            List<T> items = page.value().items();
            sink.accept(items);
            count += items.size();
            String next = page.value().nextPageKey().orElse(null);
            if (next == null) {
                return DixaOutcome.ok(count, calls);
            }
            if (!seenKeys.add(next)) {
                return DixaOutcome.failure(Kind.TRANSIENT, "pagination loop: next page key repeats", null, calls);
            }
            pageKey = next;
        }
    }

    /** Every item of every page, in order. */
    public static <T> DixaOutcome<List<T>> collect(Function<String, DixaOutcome<Page<T>>> fetch) {
        List<T> all = new ArrayList<>();
        return forEachPage(fetch, all::addAll).map(count -> all);
    }
}
