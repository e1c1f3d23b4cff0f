package com.erasureworker.webhook;

import java.util.List;

/** One page of a subscription's delivery log, newest first. */
public record DeliveryPage(List<DeliveryView> items, int page, int size, long total) {
}
