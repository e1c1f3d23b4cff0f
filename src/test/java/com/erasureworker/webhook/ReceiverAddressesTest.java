package com.erasureworker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Which receiver addresses a webhook may reach: public ones only, whatever notation hides an internal one. */
class ReceiverAddressesTest {

    @Test
    void internalAddressesAreRefusedInEveryNotation() throws UnknownHostException {
        for (String internal : new String[] {"127.0.0.1", "127.1.2.3", "::1", "0.0.0.0", "::", "10.1.2.3",
                "172.16.0.1", "172.31.255.255", "192.168.1.10", "100.64.0.1", "100.127.255.254", "169.254.169.254",
                "fe80::1", "fc00::1", "fd00:ec2::254", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
                "::10.0.0.1", "2002:a00:1::", "64:ff9b::a9fe:a9fe", "224.0.0.1", "ff02::1", "255.255.255.255",
                "198.18.0.1", "192.0.0.170"}) {
            assertThat(ReceiverAddresses.refusal(InetAddress.getByName(internal), false)).as(internal).isPresent();
        }
    }

    @Test
    void publicAddressesPass() throws UnknownHostException {
        for (String external : new String[] {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1",
                "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"}) {
            assertThat(ReceiverAddresses.refusal(InetAddress.getByName(external), false)).as(external).isEmpty();
        }
    }

    @Test
    void allowingLoopbackAllowsLoopbackAlone() throws UnknownHostException {
        assertThat(ReceiverAddresses.refusal(InetAddress.getByName("127.0.0.1"), true)).isEmpty();
        assertThat(ReceiverAddresses.refusal(InetAddress.getByName("::1"), true)).isEmpty();
        assertThat(ReceiverAddresses.refusal(InetAddress.getByName("::ffff:127.0.0.1"), true)).isEmpty();
        assertThat(ReceiverAddresses.refusal(InetAddress.getByName("10.0.0.1"), true)).get().asString()
                .contains("private");
        assertThat(ReceiverAddresses.refusal(InetAddress.getByName("169.254.169.254"), true)).get().asString()
                .contains("metadata");
    }
}
