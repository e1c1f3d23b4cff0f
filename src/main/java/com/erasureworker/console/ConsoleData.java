package com.erasureworker.console;

import com.erasureworker.audit.AuditType;
import com.erasureworker.erasure.RequestState;
import com.erasureworker.erasure.Source;
import io.quarkus.qute.TemplateExtension;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Choices and small sums templates need ({cdata:...}): filter options from the enums, page arithmetic, details. */
@TemplateExtension(namespace = "cdata")
public class ConsoleData {

    static List<String> requestStates() {
        return Arrays.stream(RequestState.values()).map(Enum::name).toList();
    }

    static List<String> sources() {
        return Arrays.stream(Source.values()).map(Enum::name).toList();
    }

    static List<String> auditTypes() {
        return Arrays.stream(AuditType.values()).map(Enum::name).toList();
    }

    static long pages(long total, int size) {
        return Math.max(1, (total + size - 1) / size);
    }

    static boolean hasNext(int page, int size, long total) {
        return (long) (page + 1) * size < total;
    }

    static long abs(long value) {
        return Math.abs(value);
    }

    /** An audit detail as compact text: {@code key=value, ...} (details never hold personal data). */
    static String detail(Map<String, Object> detail) {
        if (detail == null || detail.isEmpty()) {
            return "";
        }
        return detail.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
