package com.erasureworker.intake;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a ticket's targets in creation order; {@code next} links the following page, null on the last. */
@Schema(name = "ErasureTargetPage")
public record TargetPage(List<TargetView> items, int page, int size, String next) {

    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 500;
}
