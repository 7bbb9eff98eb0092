/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.ObjectLink;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.util.datatype.ULong;
import org.junit.Test;

public class NodeMapperTest {

    @Test
    public void everyTypeRoundTripsSingleAndMultiple() {
        for (Resource r : TestModels.allResources()) {
            LwM2mResource leshan = NodeMapper.toLeshan(r);
            assertEquals(r.isMultiple(), leshan.isMultiInstances());
            assertEquals(LeshanModels.toLeshan(r.type()), leshan.getType());
            assertEquals(r.toString(), r, NodeMapper.fromLeshan(leshan));
        }
    }

    @Test
    public void leshanValueClasses() {
        assertEquals(-1234567890123L, NodeMapper.toLeshanValue(TestModels.sample(ResourceType.INTEGER)));
        assertEquals(ULong.valueOf(TestModels.U64_MAX), NodeMapper.toLeshanValue(Value.ofUnsigned(TestModels.U64_MAX)));
        assertEquals(TestModels.U64_MAX, ((ULong) NodeMapper.toLeshanValue(Value.ofUnsigned(TestModels.U64_MAX)))
                .toBigInteger());
        assertEquals(23.5, NodeMapper.toLeshanValue(Value.of(23.5)));
        assertEquals(Boolean.TRUE, NodeMapper.toLeshanValue(Value.of(true)));
        assertArrayEquals(new byte[] { 1, 2 }, (byte[]) NodeMapper.toLeshanValue(Value.ofOpaque(new byte[] { 1, 2 })));
        assertEquals(new Date(1772368496000L), NodeMapper.toLeshanValue(Value.ofTime(Instant.ofEpochSecond(1772368496))));
        assertEquals(new org.eclipse.leshan.core.node.ObjectLink(3303, 12),
                NodeMapper.toLeshanValue(Value.of(new ObjectLink(3303, 12))));
        assertTrue(((org.eclipse.leshan.core.node.ObjectLink) NodeMapper.toLeshanValue(Value.of(ObjectLink.NULL)))
                .isNullLink());
    }

    @Test
    public void timeHasSecondPrecision() {
        Value v = NodeMapper.fromLeshanValue(new Date(1772368496999L), ResourceType.TIME, 13);
        assertEquals(Instant.ofEpochSecond(1772368496), v.asTime());
        assertEquals(Instant.ofEpochSecond(-2), NodeMapper.fromLeshanValue(new Date(-1500L), ResourceType.TIME, 13)
                .asTime());
    }

    @Test
    public void coreLinksGoThroughLeshansParserAndSerializer() {
        Link[] links = (Link[]) NodeMapper.toLeshanValue(Value.ofCoreLink("</3303/0>;rt=\"temperature\";ct=0,</3303/1>"));
        assertEquals(2, links.length);
        assertEquals("/3303/0", links[0].getUriReference());
        assertEquals("</3303/0>;rt=\"temperature\";ct=0", links[0].toCoreLinkFormat());
        assertEquals("/3303/1", links[1].getUriReference());
        assertEquals(Value.ofCoreLink("</3303/0>;rt=\"temperature\";ct=0,</3303/1>"),
                NodeMapper.fromLeshanValue(links, ResourceType.CORELNK, 8));
        assertEquals(0, ((Link[]) NodeMapper.toLeshanValue(Value.ofCoreLink(""))).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeMapper.toLeshanValue(Value.ofCoreLink("3303/0")));
        assertTrue(e.getMessage(), e.getMessage().contains("3303/0"));
    }

    @Test
    public void resourceInstances() {
        Resource r = TestModels.multiple(1);
        LwM2mResourceInstance ri = NodeMapper.toLeshanInstance(r, 7);
        assertEquals(7, ri.getId());
        assertEquals(Long.MAX_VALUE, ri.getValue());
        assertEquals(Type.INTEGER, ri.getType());
        assertEquals(Resource.ofInstances(11, ResourceType.INTEGER, Map.of(7, Value.of(Long.MAX_VALUE))),
                NodeMapper.fromLeshan(11, ri));
        assertThrows(IllegalArgumentException.class, () -> NodeMapper.toLeshanInstance(r, 8));
        assertThrows(IllegalArgumentException.class, () -> NodeMapper.toLeshanInstance(TestModels.single(1), 0));
    }

    @Test
    public void instancesAndObjects() {
        InstanceContent a = InstanceContent.of(2, TestModels.allResources());
        InstanceContent b = InstanceContent.of(0, List.of(TestModels.single(0)));
        LwM2mObject object = NodeMapper.toLeshan(TestModels.ALL_TYPES, List.of(a, b));
        assertEquals(TestModels.ALL_TYPES, object.getId());
        assertEquals(18, object.getInstance(2).getResources().size());
        // ordered by id on the way back
        assertEquals(List.of(b, a), NodeMapper.fromLeshan(object));

        // an undefined id is -1 both ways
        LwM2mObjectInstance undefined = NodeMapper.toLeshan(new InstanceContent(-1, b.resources()));
        assertEquals(LwM2mObjectInstance.UNDEFINED, undefined.getId());
        assertEquals(LwM2mPath.NONE, NodeMapper.fromLeshan(undefined).id());
    }

    @Test
    public void leshanResourcesFromItsFactories() {
        assertEquals(Resource.of(1, Value.ofUnsigned(5)),
                NodeMapper.fromLeshan(LwM2mSingleResource.newUnsignedIntegerResource(1, 5L)));
        assertEquals(Resource.ofInstances(2, ResourceType.STRING, Map.of(0, Value.of("a"))),
                NodeMapper.fromLeshan(LwM2mMultipleResource.newStringResource(2, Map.of(0, "a"))));
        assertThrows(IllegalArgumentException.class,
                () -> NodeMapper.fromLeshanValue("not a number", ResourceType.INTEGER, 1));
    }

    @Test
    public void paths() {
        for (LwM2mPath p : List.of(LwM2mPath.ROOT, LwM2mPath.of(3), LwM2mPath.of(3, 0), LwM2mPath.of(3, 0, 11),
                LwM2mPath.of(3, 0, 11, 65535))) {
            assertEquals(p, NodeMapper.fromLeshan(NodeMapper.toLeshan(p)));
            assertEquals(p.toString(), NodeMapper.toLeshan(p).toString());
        }
    }
}
