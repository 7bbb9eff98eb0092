/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.object.ExecuteArguments;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.Test;

/**
 * Several contributors bring instances of one object to one endpoint ({@code lwm2m.object.shared}):
 * the registry merges them into one object, refuses a later contributor whose instance ids collide,
 * and reports members coming and going as instance changes of the one object.
 */
public class SharedObjectsTest {

    private static final ObjectModel MODEL = ObjectOperationsTest.MODEL;
    private static final int OBJECT = MODEL.id();

    private final SharedObjects shared = new SharedObjects();
    private final RecordingSink sink = new RecordingSink();

    private static Contribution sharedBy(long serviceId, TestObject object) {
        return new Contribution(serviceId, 0, OBJECT, null, object, "meter.bundle 1.0.0 [" + serviceId + "]", true);
    }

    private static Contribution exclusive(long serviceId, int objectId, TestObject object) {
        return new Contribution(serviceId, 0, objectId, null, object, "other.bundle 1.0.0 [" + serviceId + "]");
    }

    /** The one contribution the shared ones became. */
    private static Contribution group(Collection<Contribution> merged) {
        List<Contribution> groups = merged.stream().filter(c -> c.object() instanceof SharedObject).toList();
        assertEquals(merged.toString(), 1, groups.size());
        return groups.get(0);
    }

    private static TestObject readable(Integer... instances) {
        TestObject o = new TestObject(instances);
        o.resources = Set.of(1);
        return o;
    }

    @Test
    public void sharedContributionsBecomeOneObjectWithEveryonesInstances() {
        TestObject meter0 = readable(0);
        TestObject meter1 = readable(1);
        TestObject device = new TestObject(0);
        Collection<Contribution> merged = shared.merge("gw", List.of(sharedBy(10, meter0), exclusive(11, 3, device), sharedBy(12, meter1)));
        assertEquals("the exclusive contribution and one merged one", 2, merged.size());
        Contribution group = group(merged);
        assertEquals(Integer.valueOf(OBJECT), group.objectId());
        assertEquals(Set.of(0, 1), group.object().instanceIds());
        assertEquals(Set.of(1), group.object().resourceIds(1));
        assertTrue("log lines name every contributor: " + group.describe(),
                group.describe().contains("meter.bundle 1.0.0 [10]") && group.describe().contains("meter.bundle 1.0.0 [12]"));
    }

    @Test
    public void eachInstanceIsAnsweredByTheContributorThatHasIt() {
        TestObject meter0 = readable(0);
        TestObject meter1 = readable(1);
        meter0.reads.put(1, () -> CompletableFuture.completedFuture(Resource.of(1, io.lightgate.api.Value.of(230.0))));
        meter1.reads.put(1, () -> CompletableFuture.completedFuture(Resource.of(1, io.lightgate.api.Value.of(231.0))));
        Contribution group = group(shared.merge("gw", List.of(sharedBy(10, meter0), sharedBy(12, meter1))));
        group.object().instanceIds();
        assertEquals(231.0, group.object().read(1, 1).toCompletableFuture().join().value().asDouble(), 0.0);
        group.object().execute(0, 4, ExecuteArguments.NONE);
        assertEquals(List.of(new TestObject.Execute(0, 4, ExecuteArguments.NONE)), meter0.executes);
        assertTrue(meter1.executes.isEmpty());
        LwM2mException e = expectFailure(() -> group.object().read(7, 1));
        assertEquals(ResponseCode.NOT_FOUND, e.code());
    }

    @Test
    public void aLaterContributorWhoseInstanceIdsCollideIsRefusedAsAWhole() {
        TestObject first = readable(0, 1);
        TestObject later = readable(1, 2);
        Contribution group = group(shared.merge("gw", List.of(sharedBy(20, later), sharedBy(10, first))));
        assertEquals("the earlier registration keeps its instances; none of the later one's is in the tree",
                Set.of(0, 1), group.object().instanceIds());
        assertTrue(expectFailure(() -> group.object().read(2, 1)).getMessage().contains("does not exist"));
        String warning = SharedObject.collision(OBJECT, "gw", sharedBy(20, later), sharedBy(10, first), new TreeSet<>(Set.of(1)));
        assertTrue(warning, warning.contains("meter.bundle 1.0.0 [20]") && warning.contains("meter.bundle 1.0.0 [10]")
                && warning.contains("[1]") && warning.contains("refused"));
    }

    @Test
    public void whenTheCollisionIsGoneTheRefusedContributorComesIn() {
        TestObject first = readable(0, 1);
        TestObject later = readable(1, 2);
        Contribution group = group(shared.merge("gw", List.of(sharedBy(10, first), sharedBy(20, later))));
        Attachment a = new Attachment("gw", group, MODEL, sink);
        a.attach();
        assertEquals(Set.of(0, 1), a.instances());
        first.instances.remove(1);
        first.listener.instancesChanged(); // the first contributor dropped instance 1
        assertEquals(Set.of(0, 1, 2), a.instances());
        assertEquals(List.of("instances gw/" + OBJECT + " +[2] -[]"), sink.events);
    }

    @Test
    public void contributorsComingAndGoingAreInstanceChangesOfTheSameObject() {
        TestObject meter0 = readable(0);
        TestObject meter1 = readable(1);
        Contribution c0 = sharedBy(10, meter0);
        Contribution c1 = sharedBy(12, meter1);
        Contribution group = group(shared.merge("gw", List.of(c0)));
        Attachment a = new Attachment("gw", group, MODEL, sink);
        a.attach();

        assertSame("the tree keeps its attachment: the same contribution", group, group(shared.merge("gw", List.of(c0, c1))));
        assertEquals(Set.of(0, 1), a.instances());
        assertTrue("the new member reports to the registry", meter1.listener != null);
        assertSame(group, group(shared.merge("gw", List.of(c1))));
        assertEquals(Set.of(1), a.instances());
        assertEquals(List.of("instances gw/" + OBJECT + " +[1] -[]", "instances gw/" + OBJECT + " +[] -[0]"), sink.events);
        assertSame("the member that left reports no more", TestObject.NO_LISTENER, meter0.listeners.get(meter0.listeners.size() - 1));

        assertTrue("the last member left: nothing shared remains", shared.merge("gw", List.of()).isEmpty());
        assertNotSame("a new group after that", group, group(shared.merge("gw", List.of(c0))));
    }

    @Test
    public void aMemberReportsChangesOnlyOfTheInstancesItAnswersFor() {
        TestObject first = readable(0, 1);
        TestObject later = readable(1);
        Contribution group = group(shared.merge("gw", List.of(sharedBy(10, first), sharedBy(20, later))));
        Attachment a = new Attachment("gw", group, MODEL, sink);
        a.attach();
        later.listener.resourcesChanged(1, 1); // refused: not its instance in the tree
        first.listener.resourcesChanged(1, 1);
        assertEquals(List.of("values gw [/" + OBJECT + "/1/1]"), sink.events);
    }

    @Test
    public void aContributorThatThrowsIsLeftOutAndTheOthersCarryOn() {
        TestObject broken = readable(0);
        broken.instanceIdsFailure = new IllegalStateException("bug");
        broken.setListenerFailure = new IllegalStateException("bug");
        TestObject fine = readable(1);
        Contribution group = group(shared.merge("gw", List.of(sharedBy(10, broken), sharedBy(20, fine))));
        Attachment a = new Attachment("gw", group, MODEL, sink);
        a.attach();
        assertEquals(Set.of(1), a.instances());
        fine.listener.resourcesChanged(1, 1);
        assertEquals(List.of("values gw [/" + OBJECT + "/1/1]"), sink.events);
    }

    @Test
    public void theMergedObjectRanksAsItsHighestMemberAndComesWhereItsFirstCame() {
        Contribution low = sharedBy(10, readable(0));
        Contribution high = new Contribution(30, 5, OBJECT, null, readable(1), "meter.bundle 1.0.0 [30]", true);
        Contribution group = group(shared.merge("gw", List.of(low)));
        assertEquals(0, group.ranking());
        Contribution ranked = group(shared.merge("gw", List.of(low, high)));
        assertEquals(5, ranked.ranking());
        assertEquals(10, ranked.serviceId());
        assertSame("the same merged object under its new ranking", group.object(), ranked.object());
        List<Contribution> candidates = new ArrayList<>(List.of(exclusive(20, OBJECT, readable(7)), ranked));
        candidates.sort(Contribution.PRECEDENCE);
        assertSame("it competes as one with what is not shared", ranked, candidates.get(0));
    }

    @Test
    public void endpointsAreMergedApart() {
        Contribution onGateway = sharedBy(10, readable(0));
        Contribution elsewhere = new Contribution(11, 0, OBJECT, "meter-7", readable(0), "meter.bundle 1.0.0 [11]", true);
        assertEquals(Set.of(0), group(shared.merge("gw", List.of(onGateway))).object().instanceIds());
        assertEquals(Set.of(0), group(shared.merge("meter-7", List.of(elsewhere))).object().instanceIds());
        assertFalse(group(shared.merge("gw", List.of(onGateway))).object() == group(shared.merge("meter-7", List.of(elsewhere))).object());
    }

    private static LwM2mException expectFailure(java.util.function.Supplier<java.util.concurrent.CompletionStage<?>> call) {
        try {
            call.get().toCompletableFuture().join();
        } catch (LwM2mException e) {
            return e;
        } catch (CompletionException e) {
            if (e.getCause() instanceof LwM2mException l) {
                return l;
            }
            throw e;
        }
        throw new AssertionError("expected a failure");
    }
}
