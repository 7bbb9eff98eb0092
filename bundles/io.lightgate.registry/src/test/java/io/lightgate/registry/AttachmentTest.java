/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import io.lightgate.api.Resource;
import io.lightgate.api.Value;
import io.lightgate.api.model.ObjectModel;
import java.util.List;
import java.util.Set;
import org.junit.Before;
import org.junit.Test;

public class AttachmentTest {

    private static final ObjectModel MODEL = ObjectOperationsTest.MODEL;

    private final RecordingSink sink = new RecordingSink();
    private TestObject object;
    private Attachment attachment;

    @Before
    public void setUp() {
        object = new TestObject(0, 1);
        object.resources = Set.of(1, 2, 99);
        attachment = new Attachment("gw", new Contribution(1, 0, MODEL.id(), null, object, "test.bundle 1.0.0 [7]"), MODEL, sink);
    }

    @Test
    public void attachTakesASnapshotAndHandsOverTheListener() {
        attachment.attach();
        assertEquals(Set.of(0, 1), attachment.instances());
        assertSame(attachment, object.listener);
        assertEquals(List.of(), sink.events);
        assertEquals(9000, attachment.objectId());
    }

    @Test
    public void instancesChangedReportsOnlyTheDifference() {
        attachment.attach();
        object.instances.remove(0);
        object.instances.add(2);
        object.instances.add(5);
        attachment.instancesChanged();
        assertEquals(List.of("instances gw/9000 +[2, 5] -[0]"), sink.events);
        assertEquals(Set.of(1, 2, 5), attachment.instances());
    }

    @Test
    public void instancesChangedWithoutChangeReportsNothing() {
        attachment.attach();
        attachment.instancesChanged();
        assertEquals(List.of(), sink.events);
        object.instances.add(2);
        attachment.instancesChanged();
        attachment.instancesChanged();
        assertEquals(List.of("instances gw/9000 +[2] -[]"), sink.events);
    }

    @Test
    public void throwingInstanceIdsIsSurvived() {
        attachment.attach();
        object.instanceIdsFailure = new IllegalStateException("device disconnected");
        object.instances.add(2);
        attachment.instancesChanged(); // must not throw
        assertEquals(List.of(), sink.events);
        assertEquals("the last good snapshot is kept", Set.of(0, 1), attachment.instances());
        object.instanceIdsFailure = null;
        attachment.instancesChanged();
        assertEquals(List.of("instances gw/9000 +[2] -[]"), sink.events);
    }

    @Test
    public void throwingInstanceIdsOnAttachStartsEmpty() {
        object.instanceIdsFailure = new IllegalStateException("not ready");
        attachment.attach();
        assertEquals(Set.of(), attachment.instances());
        assertSame(attachment, object.listener);
        object.instanceIdsFailure = null;
        object.listener.instancesChanged();
        assertEquals(List.of("instances gw/9000 +[0, 1] -[]"), sink.events);
    }

    @Test
    public void throwingSetListenerIsSurvived() {
        object.setListenerFailure = new UnsupportedOperationException("no listeners");
        attachment.attach();
        attachment.detach();
        assertEquals(Set.of(0, 1), attachment.instances());
        assertNull(object.listener);
    }

    @Test
    public void resourcesChangedBecomesPaths() {
        attachment.attach();
        attachment.resourcesChanged(1, 2, 5);
        attachment.resourcesChanged(0);
        attachment.resourcesChanged(0, (int[]) null);
        assertEquals(List.of("values gw [/9000/1/2, /9000/1/5]", "values gw [/9000/0]", "values gw [/9000/0]"), sink.events);
    }

    @Test
    public void reportedValuesTravelWithTheChangeWhenTheyFitTheModel() {
        attachment.attach();
        attachment.valuesChanged(1, List.of(Resource.of(1, Value.of(21.5)), Resource.of(2, Value.of(3.0))));
        // 2 is a string where the model says float; 3 is write-only; 6 is an integer as modelled
        attachment.valuesChanged(0, List.of(Resource.of(2, Value.of("warm")), Resource.of(3, Value.of("x")), Resource.of(6, Value.of(4))));
        attachment.valuesChanged(0, List.of());
        assertEquals(List.of("values gw [/9000/1/1, /9000/1/2] = [" + Resource.of(1, Value.of(21.5)) + ", " + Resource.of(2, Value.of(3.0)) + "]",
                "values gw [/9000/0/2, /9000/0/3, /9000/0/6] = [" + Resource.of(6, Value.of(4)) + "]"), sink.events);
    }

    @Test
    public void nothingIsReportedBeforeAttachOrAfterDetach() {
        attachment.resourcesChanged(0, 1);
        attachment.instancesChanged();
        attachment.attach();
        attachment.detach();
        assertEquals(List.of(attachment, TestObject.NO_LISTENER), object.listeners);
        object.instances.add(7);
        attachment.instancesChanged();
        attachment.resourcesChanged(0, 1);
        assertEquals(List.of(), sink.events);
    }

    @Test
    public void resourcesAreLimitedToTheModel() {
        attachment.attach();
        assertEquals(Set.of(1, 2), attachment.resources(0));
        assertEquals(Set.of(), attachment.resources(9));
    }
}
