/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.object.SimpleObject;
import io.lightgate.registry.ContributionResolver.Outcome;
import io.lightgate.registry.ContributionResolver.Pending;
import io.lightgate.registry.ContributionResolver.Resolution;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Before;
import org.junit.Test;

public class ContributionResolverTest {

    private static final String GATEWAY = "gw";

    private final ModelCatalog models = new ModelCatalog();
    private final ObjectModel device = ModelCatalogTest.model(3, "Device", "1.2");
    private final ObjectModel temperature = ModelCatalogTest.model(3303, "Temperature", "1.1");

    @Before
    public void setUp() {
        models.put(ModelCatalog.Source.of(0, "test", List.of(device, temperature)));
    }

    private static Contribution contribution(long serviceId, int ranking, Integer objectId, String endpoint) {
        return new Contribution(serviceId, ranking, objectId, endpoint, new SimpleObject(), "test.bundle 1.0.0 [" + serviceId + "]");
    }

    private Resolution resolve(Set<String> endpoints, Contribution... contributions) {
        return ContributionResolver.resolve(List.of(contributions), endpoints, GATEWAY, models);
    }

    @Test
    public void highestRankingWinsAndLosersAreListedInPrecedenceOrder() {
        Contribution a = contribution(10, 0, 3, null);
        Contribution b = contribution(11, 5, 3, null);
        Contribution c = contribution(12, 5, 3, null);
        Resolution r = resolve(Set.of(GATEWAY), a, c, b);
        Outcome o = r.trees().get(GATEWAY).get(3);
        assertSame(b, o.winner());
        assertEquals(List.of(c, a), o.losers());
        assertEquals(GATEWAY, o.endpoint());
        assertEquals(3, o.objectId());
        assertSame(device, o.model());
        assertTrue(r.pending().isEmpty());
    }

    @Test
    public void onATieTheLowestServiceIdWins() {
        Contribution later = contribution(20, 0, 3303, null);
        Contribution earlier = contribution(15, 0, 3303, null);
        Outcome o = resolve(Set.of(GATEWAY), later, earlier).trees().get(GATEWAY).get(3303);
        assertSame(earlier, o.winner());
        assertEquals(List.of(later), o.losers());
    }

    @Test
    public void negativeRankingLosesToDefault() {
        Contribution fallback = contribution(1, -10, 3, null);
        Contribution normal = contribution(2, 0, 3, null);
        assertSame(normal, resolve(Set.of(GATEWAY), fallback, normal).trees().get(GATEWAY).get(3).winner());
    }

    @Test
    public void singleContributionHasNoLosers() {
        Contribution a = contribution(1, 0, 3, null);
        Outcome o = resolve(Set.of(GATEWAY), a).trees().get(GATEWAY).get(3);
        assertSame(a, o.winner());
        assertEquals(List.of(), o.losers());
    }

    @Test
    public void gatewayEndpointIsUsedWhenEndpointIsNull() {
        Contribution implicit = contribution(1, 0, 3, null);
        Contribution explicit = contribution(2, 0, 3, GATEWAY);
        Contribution meter = contribution(3, 0, 3, "meter-1");
        Resolution r = resolve(Set.of(GATEWAY, "meter-1"), implicit, explicit, meter);
        Outcome gw = r.trees().get(GATEWAY).get(3);
        assertSame("implicit and explicit gateway contributions compete", implicit, gw.winner());
        assertEquals(List.of(explicit), gw.losers());
        Outcome m = r.trees().get("meter-1").get(3);
        assertSame("other endpoints do not compete with the gateway", meter, m.winner());
        assertEquals(List.of(), m.losers());
    }

    @Test
    public void everyEndpointHasATreeEvenWhenEmpty() {
        Resolution r = resolve(Set.of(GATEWAY, "meter-1"), contribution(1, 0, 3, null));
        assertEquals(Set.of(GATEWAY, "meter-1"), r.trees().keySet());
        assertEquals(Map.of(), r.trees().get("meter-1"));
        assertEquals(Set.of(3), r.trees().get(GATEWAY).keySet());
    }

    @Test
    public void contributionWithoutObjectIdIsPending() {
        Contribution c = contribution(7, 0, null, null);
        Resolution r = resolve(Set.of(GATEWAY), c);
        assertEquals(Map.of(), r.trees().get(GATEWAY));
        Pending p = onlyPending(r);
        assertSame(c, p.contribution());
        assertTrue(p.reason(), p.reason().contains("lwm2m.object.id"));
    }

    @Test
    public void contributionForUnknownEndpointIsPending() {
        Contribution c = contribution(7, 0, 3, "plc-4");
        Resolution r = resolve(Set.of(GATEWAY), c);
        assertEquals(Set.of(GATEWAY), r.trees().keySet());
        assertEquals(Map.of(), r.trees().get(GATEWAY));
        Pending p = onlyPending(r);
        assertSame(c, p.contribution());
        assertTrue(p.reason(), p.reason().contains("'plc-4'"));
    }

    @Test
    public void contributionWithoutModelIsPending() {
        Contribution c = contribution(7, 0, 10241, null);
        Resolution r = resolve(Set.of(GATEWAY), c);
        assertEquals(Map.of(), r.trees().get(GATEWAY));
        Pending p = onlyPending(r);
        assertSame(c, p.contribution());
        assertTrue(p.reason(), p.reason().contains("no model is known for object 10241"));
    }

    @Test
    public void pendingContributionsDoNotHideValidOnes() {
        Contribution good = contribution(1, 0, 3303, null);
        Contribution noModel = contribution(2, 100, 10241, null);
        Contribution noEndpoint = contribution(3, 100, 3303, "elsewhere");
        Resolution r = resolve(Set.of(GATEWAY), noModel, good, noEndpoint);
        assertSame(good, r.trees().get(GATEWAY).get(3303).winner());
        assertEquals(List.of(), r.trees().get(GATEWAY).get(3303).losers());
        assertEquals(Set.of(noModel, noEndpoint), Set.copyOf(r.pending().stream().map(Pending::contribution).toList()));
    }

    @Test
    public void modelArrivingLaterResolvesThePending() {
        Contribution c = contribution(7, 0, 10241, null);
        assertEquals(1, resolve(Set.of(GATEWAY), c).pending().size());
        ObjectModel m = ModelCatalogTest.model(10241, "Later", "1.0");
        models.put(ModelCatalog.Source.of(9, "bundle 9", List.of(m)));
        Resolution r = resolve(Set.of(GATEWAY), c);
        assertTrue(r.pending().isEmpty());
        assertSame(m, r.trees().get(GATEWAY).get(10241).model());
    }

    private static Pending onlyPending(Resolution r) {
        assertEquals(1, r.pending().size());
        return r.pending().get(0);
    }
}
