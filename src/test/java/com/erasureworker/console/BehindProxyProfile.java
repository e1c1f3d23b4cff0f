package com.erasureworker.console;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The settings docs/behind-a-proxy.md gives an operator behind nginx: forwarded headers honoured, but only from the
 * proxy's own address (here the loopback address the tests connect from; 127.0.0.2 plays a client reaching the port
 * directly).
 */
public class BehindProxyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.enable-forwarded-host", "true",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
    }
}
