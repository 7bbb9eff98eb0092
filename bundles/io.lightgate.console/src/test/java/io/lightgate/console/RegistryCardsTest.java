/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.Operations;
import io.lightgate.api.model.ResourceModel;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.registry.EndpointTree;
import io.lightgate.api.registry.ObjectRegistry;
import io.lightgate.api.registry.RegistryEvent;
import io.lightgate.api.status.RegistrationStatus;
import io.lightgate.api.status.SourceState;
import io.lightgate.api.status.SourceStatus;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Test;

public class RegistryCardsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");

    private final ObjectModel temperature = new ObjectModel(3303, "Temperature", "1.0", "1.0", true, false, "", "", new TreeMap<>(Map.of(
            5700, new ResourceModel(5700, "Sensor Value", Operations.R, false, false, ResourceType.FLOAT, "", "", ""),
            5701, new ResourceModel(5701, "Sensor Units", Operations.R, false, false, ResourceType.STRING, "", "", ""),
            5750, new ResourceModel(5750, "Application Type", Operations.RW, false, false, ResourceType.STRING, "", "", ""))));
    private final ModelRepository models = new ModelRepository() {
        @Override
        public Optional<ObjectModel> model(int objectId) {
            return objectId == 3303 ? Optional.of(temperature) : Optional.empty();
        }

        @Override
        public List<ObjectModel> models() {
            return List.of(temperature);
        }
    };
    private final List<String> endpoints = List.of("gw", "shopfloor", "meter");
    private final List<RegistrationStatus> registrations = new CopyOnWriteArrayList<>();
    private final List<SourceStatus> sources = new CopyOnWriteArrayList<>();
    private final EventHub events = new EventHub();
    private final ObjectRegistry registry = (ObjectRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] { ObjectRegistry.class }, (proxy, method, args) -> switch (method.getName()) {
                case "endpoints" -> endpoints.stream().map(EndpointDescriptor::of).toList();
                case "tree" -> Optional.of(new EndpointTree(EndpointDescriptor.of((String) args[0]), new TreeMap<>(Map.of(3303,
                        EndpointTree.ObjectNode.of(temperature, Map.<Integer, java.util.SortedSet<Integer>>of(0, new TreeSet<>(Set.of(5700, 5701))), "test")))));
                case "readInstance" -> CompletableFuture.completedFuture(InstanceContent.of(0, List.of(
                        Resource.of(5700, Value.of(181.5)), Resource.of(5701, Value.of("Cel")))));
                case "readResource" -> CompletableFuture.completedFuture(Resource.of(5700, Value.of(77.25)));
                case "gatewayEndpoint" -> "gw";
                default -> throw new UnsupportedOperationException(method.getName());
            });
    private final RegistryCards cards = new RegistryCards(registry, models, events, "meter"::equals, () -> registrations, () -> sources,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @After
    public void tearDown() {
        cards.close();
        events.stop();
    }

    private static SourceStatus source(SourceState state) {
        return new SourceStatus("OPC UA server", "server-shopfloor", "opc.tcp://127.0.0.1:4840", List.of("shopfloor"), state, NOW, "",
                null, 1, 0);
    }

    @Test
    public void aCardPerEndpointThatIsNeitherShownNorALocalClientWithItsSourceOrRegistrationState() {
        sources.add(source(SourceState.DISCONNECTED));
        List<Overview.Card> list = cards.cards(Set.of("gw"));
        assertEquals(List.of("shopfloor"), list.stream().map(Overview.Card::endpoint).toList());
        assertEquals("source disconnected", list.get(0).state());
        assertEquals("opc.tcp://127.0.0.1:4840", list.get(0).address());

        sources.set(0, source(SourceState.CONNECTED));
        assertEquals("source connected", cards.cards(Set.of()).get(1).state());
        assertEquals("gateway endpoint without source nor server", "unregistered", cards.cards(Set.of()).get(0).state());
        registrations.add(new RegistrationStatus("shopfloor", "coap://lwm2m.example:5683", 1, "REGISTERED", false, false, "/rd/1",
                NOW, "", 0, null, 0));
        assertEquals("registered", cards.cards(Set.of()).get(1).state());
    }

    @Test
    public void valueEventsBecomeKeyValuesWithUnitsFrom5701AndLocalClientsAreLeftToTheLocalServer() {
        LwM2mPath value = LwM2mPath.of(3303, 0, 5700);
        cards.registryChanged(new RegistryEvent(RegistryEvent.Kind.VALUES_CHANGED, "shopfloor", List.of(value), Map.of(
                value, Resource.of(5700, Value.of(181.5)), LwM2mPath.of(3303, 0, 5701), Resource.of(5701, Value.of("Cel")),
                LwM2mPath.of(3303, 0, 5750), Resource.of(5750, Value.of("Oven"))), NOW.minusSeconds(1)));
        cards.registryChanged(new RegistryEvent(RegistryEvent.Kind.VALUES_CHANGED, "meter", List.of(value), Map.of(
                value, Resource.of(5700, Value.of(20.0))), NOW));
        assertEquals(List.of(new Overview.KeyValue("/3303/0/5700", "Temperature 0", "Sensor Value", "Cel", 181.5, NOW.minusSeconds(1))),
                cards.values("shopfloor"));
        assertEquals(NOW.minusSeconds(1), cards.cards(Set.of()).stream().filter(c -> c.endpoint().equals("shopfloor")).findFirst()
                .orElseThrow().lastSeen());
        assertTrue(cards.values("meter").isEmpty());

        cards.registryChanged(new RegistryEvent(RegistryEvent.Kind.ENDPOINT_REMOVED, "shopfloor", List.of()));
        assertTrue(cards.values("shopfloor").isEmpty());
    }

    @Test
    public void anAddedObjectIsReadOnceSoTheCardHasValuesBeforeTheyChange() {
        cards.readKeyValues("shopfloor", List.of(LwM2mPath.of(3303)));
        List<Overview.KeyValue> values = new ArrayList<>(cards.values("shopfloor"));
        assertEquals(1, values.size());
        assertEquals(181.5, values.get(0).value());
        assertEquals("Cel", values.get(0).units());
        assertEquals(NOW, values.get(0).at());
    }

    @Test
    public void aChangeReportedWithoutItsValueIsRead() throws InterruptedException {
        LwM2mPath value = LwM2mPath.of(3303, 0, 5700);
        cards.registryChanged(new RegistryEvent(RegistryEvent.Kind.VALUES_CHANGED, "shopfloor", List.of(value, LwM2mPath.of(3303, 0, 5750)),
                Map.of(), NOW));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (cards.values("shopfloor").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of(new Overview.KeyValue("/3303/0/5700", "Temperature 0", "Sensor Value", "", 77.25, NOW)), cards.values("shopfloor"));
    }

    @Test
    public void keyValuesAreKeptForABoundedNumberOfEndpoints() {
        LwM2mPath value = LwM2mPath.of(3303, 0, 5700);
        for (int i = 0; i <= RegistryCards.MAX_ENDPOINTS_WITH_VALUES; i++) {
            cards.registryChanged(new RegistryEvent(RegistryEvent.Kind.VALUES_CHANGED, "ep-" + i, List.of(value),
                    Map.of(value, Resource.of(5700, Value.of(20.0 + i))), NOW));
        }
        assertEquals(1, cards.values("ep-0").size());
        assertEquals(1, cards.values("ep-" + (RegistryCards.MAX_ENDPOINTS_WITH_VALUES - 1)).size());
        assertTrue("one endpoint more than the bound: no values kept", cards.values("ep-" + RegistryCards.MAX_ENDPOINTS_WITH_VALUES).isEmpty());

        cards.registryChanged(new RegistryEvent(RegistryEvent.Kind.VALUES_CHANGED, "ep-0", List.of(value),
                Map.of(value, Resource.of(5700, Value.of(99.0))), NOW));
        assertEquals("an endpoint already kept goes on being updated", 99.0, cards.values("ep-0").get(0).value());
    }

    @Test
    public void numericKeyValuesGoIntoTheHistorySoTheCardsChartsHavePoints() {
        List<String> recorded = new ArrayList<>();
        cards.historyTo((endpoint, path, at, value) -> recorded.add(endpoint + " " + path + " " + at + " " + value));
        LwM2mPath value = LwM2mPath.of(3303, 0, 5700);
        cards.registryChanged(new RegistryEvent(RegistryEvent.Kind.VALUES_CHANGED, "shopfloor", List.of(value),
                Map.of(value, Resource.of(5700, Value.of(181.5)), LwM2mPath.of(3303, 0, 5750), Resource.of(5750, Value.of("Oven"))), NOW));

        assertEquals(List.of("shopfloor /3303/0/5700 " + NOW.toEpochMilli() + " 181.5"), recorded);
        cards.historyTo(null);
        cards.registryChanged(new RegistryEvent(RegistryEvent.Kind.VALUES_CHANGED, "shopfloor", List.of(value),
                Map.of(value, Resource.of(5700, Value.of(182.0))), NOW));
        assertEquals(1, recorded.size());
    }
}
