package com.erasureworker.simulator;

import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Demo data for the local run: fake customers, a few agents and a few hundred conversations across channels, about
 * one in eight still open, the closed ones back-dated up to two years. A fixed seed gives the same data every run.
 */
@ApplicationScoped
@UnlessBuildProfile("prod")
public class DemoSeed {
    private static final Logger LOG = Logger.getLogger(DemoSeed.class);
    private static final List<String> CHANNELS = List.of("Email", "Email", "Email", "WidgetChat", "WidgetChat", "Sms",
            "ContactForm", "PstnPhone");
    private static final List<String> LINES = List.of("Where is my order?", "I want to return the blue jacket.",
            "My card was charged twice.", "Please update my delivery address.", "Thanks, that solved it!");

    @Inject
    SimulatorStore store;

    @ConfigProperty(name = "simulator.seed.conversations", defaultValue = "300")
    int conversationCount;

    void plant(DixaSimulator simulator) {
        Random random = new Random(17);
        List<UUID> agents = List.of(simulator.configuredAgentId(), simulator.addAgent("Dale Cooper", false),
                simulator.addAgent("Audrey Horne", false), simulator.addAgent("Harry Truman", true));
        int userCount = Math.max(1, conversationCount / 3);
        Instant now = Instant.now();
        synchronized (store) {
            List<StoredEndUser> users = new java.util.ArrayList<>();
            for (int i = 1; i <= userCount; i++) {
                StoredEndUser user = store.addEndUser("customer" + i + "@example.com", String.format("+45200%05d", i),
                        now.minus(Duration.ofDays(800 - i % 800)));
                user.externalId = "crm-" + i;
                users.add(user);
            }
            for (int i = 0; i < conversationCount; i++) {
                StoredEndUser requester = users.get(random.nextInt(users.size()));
                Instant createdAt = now.minus(Duration.ofMinutes(random.nextInt(730 * 24 * 60) + 60));
                StoredConversation conversation = store.addConversation(requester.id,
                        CHANNELS.get(random.nextInt(CHANNELS.size())), createdAt, "Inbound");
                int messages = 1 + random.nextInt(5);
                for (int m = 0; m < messages; m++) {
                    UUID author = m % 2 == 0 ? requester.id : agents.get(random.nextInt(agents.size()));
                    store.addMessage(conversation, author, LINES.get(random.nextInt(LINES.size())),
                            createdAt.plus(Duration.ofMinutes(5L * m)));
                }
                if (random.nextInt(8) != 0) {
                    store.close(conversation, agents.get(random.nextInt(agents.size())),
                            createdAt.plus(Duration.ofMinutes(5L * messages + random.nextInt(600))));
                } else if (random.nextBoolean()) {
                    store.changeState(conversation, ConversationState.Pending, agents.get(1), createdAt);
                }
            }
        }
        LOG.infof("Dixa simulator seeded with %d end users and %d conversations", userCount, conversationCount);
    }
}
