package com.erasureworker.console;

import io.quarkus.qute.TemplateData;
import com.erasureworker.api.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A problem's field errors arranged for a form: each under the input it belongs to ({@code subject.conversationIds[2]}
 * goes to the subject input), the rest at the top. Messages are the API's reasons, which never quote a value.
 */
@TemplateData
public record FormErrors(String summary, Map<String, String> byField, List<String> general) {

    public static final FormErrors NONE = new FormErrors(null, Map.of(), List.of());

    static FormErrors of(Problem problem, List<String> formFields) {
        Map<String, String> byField = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        for (Problem.FieldError error : problem.errors()) {
            String field = formField(error.field(), formFields);
            String text = error.field() + ": " + error.reason();
            if (field == null) {
                general.add(text);
            } else {
                byField.merge(field, text, (a, b) -> a + "; " + b);
            }
        }
        if (problem.errors().isEmpty()) {
            general.add(problem.detail());
        }
        return new FormErrors(problem.title(), byField, general);
    }

    private static String formField(String apiField, List<String> formFields) {
        if (apiField == null) {
            return null;
        }
        String root = apiField.split("[.\\[]", 2)[0];
        return formFields.contains(root) ? root : null;
    }

    public boolean any() {
        return summary != null;
    }

    /** The error of one input, or null: templates use it for the message and for aria-invalid. */
    public String get(String field) {
        return byField.get(field);
    }
}
