package com.erasureworker.sweep;

import com.erasureworker.api.Problem.FieldError;
import com.erasureworker.api.ProblemException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * Reads the retention policy and the sweep trigger from untrusted JSON, as strictly as ticket submissions: unknown
 * fields, repeated keys and wrong JSON types answer 400; values out of range answer 422 naming every field at fault.
 * A policy decides what gets erased, so nothing is guessed or coerced.
 */
public final class SweepBodyReader {

    static final int MAX_DAYS = 36_500;
    static final int MAX_PER_RUN = 10_000_000;
    private static final Pattern CHANNEL = Pattern.compile("[a-z]{2,40}");
    private static final Set<String> POLICY_FIELDS = Set.of("enabled", "closedMoreThanDays", "channels", "cron",
            "maxConversationsPerRun", "sweepRateShare", "dryRun");
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final List<FieldError> malformed = new ArrayList<>();
    private final List<FieldError> invalid = new ArrayList<>();

    private SweepBodyReader() {
    }

    /** PUT body: {@code enabled} and {@code closedMoreThanDays} are required, the rest falls back to the defaults. */
    public static PolicyChange policy(byte[] body) {
        SweepBodyReader reader = new SweepBodyReader();
        JsonNode root = reader.object(body, POLICY_FIELDS, false);
        Boolean enabled = reader.bool(root, "enabled", null);
        Integer days = reader.integer(root, "closedMoreThanDays", null, 1, MAX_DAYS);
        List<String> channels = reader.channels(root.get("channels"));
        String cron = reader.cron(root.get("cron"));
        Integer max = reader.integer(root, "maxConversationsPerRun", PolicyChange.DEFAULT_MAX_CONVERSATIONS, 1,
                MAX_PER_RUN);
        Double share = reader.share(root.get("sweepRateShare"));
        Boolean dryRun = reader.bool(root, "dryRun", PolicyChange.DEFAULT_DRY_RUN);
        reader.throwIfAny();
        return new PolicyChange(enabled, days, channels, cron, max, share, dryRun);
    }

    /** POST /sweeps body: {@code {"dryRun": bool}}, or no body at all for the policy's default. */
    static Boolean triggerDryRun(byte[] body) {
        SweepBodyReader reader = new SweepBodyReader();
        JsonNode root = reader.object(body, Set.of("dryRun"), true);
        Boolean dryRun = root == null ? null : reader.bool(root, "dryRun", null, false);
        reader.throwIfAny();
        return dryRun;
    }

    private JsonNode object(byte[] body, Set<String> fields, boolean mayBeEmpty) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : STRICT.readTree(body);
        } catch (IOException e) {
            throw ProblemException.badRequest("The body is not valid JSON (or repeats a key).", List.of());
        }
        if (root == null || root.isMissingNode()) {
            if (mayBeEmpty) {
                return null;
            }
            throw ProblemException.badRequest("The body is empty; a JSON object is expected.", List.of());
        }
        if (!root.isObject()) {
            throw ProblemException.badRequest("The body must be a JSON object.", List.of());
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                malformed.add(new FieldError(name.length() > 80 ? name.substring(0, 80) + "…" : name,
                        "unknown field; accepted fields are " + String.join(", ", new java.util.TreeSet<>(fields))));
            }
        });
        return root;
    }

    private Boolean bool(JsonNode root, String field, Boolean fallback) {
        return bool(root, field, fallback, fallback == null);
    }

    private Boolean bool(JsonNode root, String field, Boolean fallback, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                invalid.add(new FieldError(field, "required"));
            }
            return fallback;
        }
        if (!node.isBoolean()) {
            malformed.add(new FieldError(field, "must be true or false"));
            return fallback;
        }
        return node.booleanValue();
    }

    private Integer integer(JsonNode root, String field, Integer fallback, int min, int max) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (fallback == null) {
                invalid.add(new FieldError(field, "required"));
            }
            return fallback;
        }
        if (!node.isIntegralNumber()) {
            malformed.add(new FieldError(field, "must be a whole number"));
            return fallback;
        }
        if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            invalid.add(new FieldError(field, "must be from " + min + " to " + max));
            return fallback;
        }
        return node.intValue();
    }

    private List<String> channels(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            malformed.add(new FieldError("channels", "must be an array of channel names"));
            return List.of();
        }
        Set<String> channels = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode channel = node.get(i);
            if (!channel.isTextual()) {
                malformed.add(new FieldError("channels[" + i + "]", "must be a string"));
            } else if (!CHANNEL.matcher(channel.textValue()).matches()) {
                invalid.add(new FieldError("channels[" + i + "]",
                        "must be a lowercase Dixa search channel name such as email, chat, phone, sms"));
            } else if (!channels.add(channel.textValue())) {
                invalid.add(new FieldError("channels[" + i + "]", "repeats a channel"));
            }
        }
        if (channels.size() > 20) {
            invalid.add(new FieldError("channels", "at most 20 channels"));
        }
        return List.copyOf(channels);
    }

    private String cron(JsonNode node) {
        if (node == null || node.isNull()) {
            return PolicyChange.DEFAULT_CRON;
        }
        if (!node.isTextual()) {
            malformed.add(new FieldError("cron", "must be a string"));
            return null;
        }
        String cron = node.textValue().trim();
        if (cron.length() > 120 || !CronExpression.isValidExpression(cron)) {
            invalid.add(new FieldError("cron", "must be a Quartz cron expression (seconds minutes hours day-of-month "
                    + "month day-of-week [year]), e.g. 0 0 2 * * ?"));
        }
        return cron;
    }

    private Double share(JsonNode node) {
        if (node == null || node.isNull()) {
            return PolicyChange.DEFAULT_SHARE;
        }
        if (!node.isNumber()) {
            malformed.add(new FieldError("sweepRateShare", "must be a number"));
            return null;
        }
        double share = node.doubleValue();
        if (!(share > 0 && share <= 1)) {
            invalid.add(new FieldError("sweepRateShare", "must be greater than 0 and at most 1"));
        }
        return share;
    }

    /** Malformed wins: values are not judged while the shape is wrong. */
    private void throwIfAny() {
        if (!malformed.isEmpty()) {
            throw ProblemException.badRequest("The request body does not have the expected shape or types.", malformed);
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid("Some values are not acceptable; nothing was changed.", invalid);
        }
    }
}
