package com.erasureworker.webhook;

import java.time.Duration;

/** What one attempt came to: the receiver's status and answer size (never its body), or a transport failure. */
record DeliveryResult(Integer status, long responseSize, Duration duration, String error) {

    boolean delivered() {
        return status != null && status >= 200 && status < 300;
    }
}
