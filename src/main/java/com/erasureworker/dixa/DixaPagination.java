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

    /** Receives one page's items with the key of the page after it (null on the last page). */
    @FunctionalInterface
    public interface PageSink<T> {
        /** @return whether to go on to the next page */
        boolean accept(List<T> items, String nextPageKey);
    }

    /** Every page from the first, each page's items handed to {@code sink}. See the overload. */
    public static <T> DixaOutcome<Long> forEachPage(Function<String, DixaOutcome<Page<T>>> fetch, Consumer<List<T>> sink) {
        return forEachPage(null, fetch, (items, next) -> {
            sink.accept(items);
            return true;
        });
    }

    /**
     * Fetches pages from {@code startKey} ({@code null} = the first page) until {@code meta.next} is missing or the
     * sink says stop, handing each page's items to {@code sink} as it arrives (so a long listing never sits in memory;
     * a caller that saves progress gets the next key with each page, to resume from after a crash). Stops at the first
     * page that fails and returns that failure, with the calls of every page made. A next link that repeats a key
     * already followed is an error, not an endless loop.
     *
     * @param fetch one page for a page key
     * @return the number of items handed to the sink
     */
    public static <T> DixaOutcome<Long> forEachPage(String startKey, Function<String, DixaOutcome<Page<T>>> fetch,
            PageSink<T> sink) {
        List<DixaCall> calls = new ArrayList<>();
        Set<String> seenKeys = new HashSet<>();
        if (startKey != null) {
            seenKeys.add(startKey);
        }
        String pageKey = startKey;
        long count = 0;
        while (true) {
            DixaOutcome<Page<T>> page = fetch.apply(pageKey);
            calls.addAll(page.calls());
            if (!page.isOk()) {
                return DixaOutcome.failure(page.kind(), page.message(), page.retryAfter(), calls);
            }
            String next = page.value().nextPageKey().orElse(null);
            if (next != null && !seenKeys.add(next)) {
                return DixaOutcome.failure(Kind.TRANSIENT, "pagination loop: next page key repeats", null, calls);
            }
            List<T> items = page.value().items();
            count += items.size();
            if (!sink.accept(items, next) || next == null) {
                return DixaOutcome.ok(count, calls);
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
