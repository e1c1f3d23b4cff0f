package com.erasureworker.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a receiver's host name, once per check or send (the one place tests replace to play DNS answers). */
@ApplicationScoped
class ReceiverResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }
}
