package com.erasureworker.sweep;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Conversation ids a run erases (or, dry, would erase), in id order. */
@Schema(name = "SweepConversationPage")
public record SweepConversationPage(List<Long> conversationIds, int page, int size, long total) {
}
