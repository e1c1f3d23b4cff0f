package com.erasureworker.sweep;

import com.erasureworker.api.JsonBody;
import com.fasterxml.jackson.databind.JsonNode;
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

    private final JsonBody body;

    private SweepBodyReader(JsonBody body) {
        this.body = body;
    }

    /** PUT body: {@code enabled} and {@code closedMoreThanDays} are required, the rest falls back to the defaults. */
    public static PolicyChange policy(byte[] body) {
        SweepBodyReader reader = new SweepBodyReader(JsonBody.object(body, POLICY_FIELDS, false));
        JsonNode root = reader.body.root();
        Boolean enabled = reader.body.bool("enabled", null, true);
        Integer days = reader.body.integer("closedMoreThanDays", null, 1, MAX_DAYS);
        List<String> channels = reader.channels(root.get("channels"));
        String cron = reader.cron(root.get("cron"));
        Integer max = reader.body.integer("maxConversationsPerRun", PolicyChange.DEFAULT_MAX_CONVERSATIONS, 1,
                MAX_PER_RUN);
        Double share = reader.share(root.get("sweepRateShare"));
        Boolean dryRun = reader.body.bool("dryRun", PolicyChange.DEFAULT_DRY_RUN, false);
        reader.body.throwIfAny();
        return new PolicyChange(enabled, days, channels, cron, max, share, dryRun);
    }

    /** POST /sweeps body: {@code {"dryRun": bool}}, or no body at all for the policy's default. */
    static Boolean triggerDryRun(byte[] body) {
        JsonBody reader = JsonBody.object(body, Set.of("dryRun"), true);
        Boolean dryRun = reader.bool("dryRun", null, false);
        reader.throwIfAny();
        return dryRun;
    }

    private List<String> channels(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            body.malformed("channels", "must be an array of channel names");
            return List.of();
        }
        Set<String> channels = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode channel = node.get(i);
            if (!channel.isTextual()) {
                body.malformed("channels[" + i + "]", "must be a string");
            } else if (!CHANNEL.matcher(channel.textValue()).matches()) {
                body.invalid("channels[" + i + "]",
                        "must be a lowercase Dixa search channel name such as email, chat, phone, sms");
            } else if (!channels.add(channel.textValue())) {
                body.invalid("channels[" + i + "]", "repeats a channel");
            }
        }
        if (channels.size() > 20) {
            body.invalid("channels", "at most 20 channels");
        }
        return List.copyOf(channels);
    }

    private String cron(JsonNode node) {
        if (node == null || node.isNull()) {
            return PolicyChange.DEFAULT_CRON;
        }
        if (!node.isTextual()) {
            body.malformed("cron", "must be a string");
            return null;
        }
        String cron = node.textValue().trim();
        if (cron.length() > 120 || !CronExpression.isValidExpression(cron)) {
            body.invalid("cron", "must be a Quartz cron expression (seconds minutes hours day-of-month "
                    + "month day-of-week [year]), e.g. 0 0 2 * * ?");
        }
        return cron;
    }

    private Double share(JsonNode node) {
        if (node == null || node.isNull()) {
            return PolicyChange.DEFAULT_SHARE;
        }
        if (!node.isNumber()) {
            body.malformed("sweepRateShare", "must be a number");
            return null;
        }
        double share = node.doubleValue();
        if (!(share > 0 && share <= 1)) {
            body.invalid("sweepRateShare", "must be greater than 0 and at most 1");
        }
        return share;
    }
}
