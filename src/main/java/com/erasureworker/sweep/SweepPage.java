package com.erasureworker.sweep;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Sweep runs, newest first. */
@Schema(name = "SweepRunPage")
public record SweepPage(List<SweepView> items, int page, int size, long total) {
}
