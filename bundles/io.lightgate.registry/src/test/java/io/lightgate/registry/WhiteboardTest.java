/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.object.SimpleObject;
import io.lightgate.api.registry.EndpointDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;

public class WhiteboardTest {

    private final EndpointDescriptor gateway = endpoint("gw");
    private final Whiteboard board = new Whiteboard(gateway);

    private static EndpointDescriptor endpoint(String name) {
        return new EndpointDescriptor(name, Duration.ofSeconds(300), List.of());
    }

    private static Contribution object(long serviceId, int objectId, String endpoint) {
        return new Contribution(serviceId, 0, objectId, endpoint, new SimpleObject(), "test.bundle 1.0.0 [1]");
    }

    @Test
    public void anObjectEventConcernsOnlyItsOwnEndpointAmongThousands() {
        for (int i = 0; i < 5_000; i++) {
            board.putEndpoint(1_000_000 + i, endpoint("ep-" + i));
            board.putContribution(object(i, 3303, "ep-" + i));
        }
        assertEquals(Set.of("ep-42"), board.putContribution(object(9_999_999, 3, "ep-42")));
        assertEquals(2, board.contributionsFor("ep-42").size());
        assertEquals(Set.of("ep-42"), board.removeContribution(9_999_999));
        assertEquals(1, board.contributionsFor("ep-42").size());
        assertEquals(Set.of("ep-7"), board.removeEndpoint(1_000_007));
        assertEquals(Optional.empty(), board.wanted("ep-7"));
        assertEquals("an object keeps waiting for its endpoint", 1, board.contributionsFor("ep-7").size());
    }

    @Test
    public void objectsWithoutAnEndpointBelongToTheGateway() {
        assertEquals(Set.of("gw"), board.putContribution(object(1, 3, null)));
        assertEquals(1, board.contributionsFor("gw").size());
        assertEquals(Optional.of(gateway), board.wanted("gw"));
    }

    @Test
    public void aContributionMovingToAnotherEndpointTouchesBoth() {
        board.putContribution(object(1, 3303, "a"));
        assertEquals(Set.of("a", "b"), board.putContribution(object(1, 3303, "b")));
        assertTrue(board.contributionsFor("a").isEmpty());
        assertEquals(1, board.contributionsFor("b").size());
    }

    @Test
    public void theFirstServiceNamingAnEndpointWinsAndTheOthersAreIgnoredUntilItLeaves() {
        EndpointDescriptor first = endpoint("meter");
        EndpointDescriptor second = new EndpointDescriptor("meter", Duration.ofSeconds(60), List.of());
        board.putEndpoint(20, second);
        board.putEndpoint(10, first);
        assertEquals(Optional.of(first), board.wanted("meter"));
        assertEquals(List.of(20L), board.ignoredEndpointServices("meter"));
        board.removeEndpoint(10);
        assertEquals(Optional.of(second), board.wanted("meter"));
        assertEquals(List.of(), board.ignoredEndpointServices("meter"));
    }

    @Test
    public void aServiceNamingTheGatewayIsIgnored() {
        board.putEndpoint(5, endpoint("gw"));
        assertEquals(Optional.of(gateway), board.wanted("gw"));
        assertEquals(List.of(5L), board.ignoredEndpointServices("gw"));
    }

    @Test
    public void aRenamedEndpointServiceTouchesTheOldAndTheNewName() {
        board.putEndpoint(5, endpoint("old"));
        assertEquals(Set.of("old", "new"), board.putEndpoint(5, endpoint("new")));
        assertEquals(Optional.empty(), board.wanted("old"));
        assertTrue(board.allNames().containsAll(Set.of("gw", "new")));
        assertTrue(!board.allNames().contains("old"));
    }
}
