package com.erasureworker.dixa;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An end user with the addresses Dixa keeps for them, read only by the re-resolution of e-mail/phone legal holds,
 * which hashes them at once: never stored, logged or audited (the string form leaves them out). The additional
 * addresses are read leniently (strings, or objects whose text fields are taken), as the spec leaves their shape open.
 */
public record EndUserContact(UUID id, String email, String phoneNumber, JsonNode additionalEmails,
        JsonNode additionalPhoneNumbers) {

    public List<String> emails() {
        return join(email, additionalEmails);
    }

    public List<String> phoneNumbers() {
        return join(phoneNumber, additionalPhoneNumbers);
    }

    private static List<String> join(String first, JsonNode more) {
        List<String> all = new ArrayList<>();
        if (first != null && !first.isBlank()) {
            all.add(first);
        }
        if (more != null && more.isArray()) {
            for (JsonNode item : more) {
                if (item.isTextual()) {
                    all.add(item.asText());
                } else if (item.isObject()) {
                    item.elements().forEachRemaining(field -> {
                        if (field.isTextual() && !field.asText().isBlank()) {
                            all.add(field.asText());
                        }
                    });
                }
            }
        }
        return all;
    }

    @Override
    public String toString() {
        return "EndUserContact[id=" + id + ", addresses redacted]";
    }
}
