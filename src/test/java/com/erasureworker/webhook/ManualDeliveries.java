package com.erasureworker.webhook;

/** Test access to the delivery job's run (package-private in main), for {@code pipeline/ManualPipeline}. */
public final class ManualDeliveries {

    private ManualDeliveries() {
    }

    /** One run of the delivery job on the calling thread: claims the due deliveries, sends them, records results. */
    public static void runOnce(WebhookJobs jobs) {
        jobs.deliver();
    }
}
