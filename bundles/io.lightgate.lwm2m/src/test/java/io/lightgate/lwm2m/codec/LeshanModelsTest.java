/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.ResourceType;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.Operations;
import io.lightgate.api.model.ResourceModel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.junit.Test;

public class LeshanModelsTest {

    private static ObjectModel temperature(String version, ResourceModel... resources) {
        return ObjectModel.of(3303, "Temperature", version, true, false, List.of(resources));
    }

    private static final ResourceModel VALUE = new ResourceModel(5700, "Sensor Value", Operations.R, false, true,
            ResourceType.FLOAT, "-40..85", "Cel", "Last value");

    @Test
    public void convertsEveryField() {
        ObjectModel device = TestModels.fromRegistry(3);
        org.eclipse.leshan.core.model.ObjectModel m = LeshanModels.toLeshan(device);
        assertEquals(Integer.valueOf(3), m.id);
        assertEquals("Device", m.name);
        assertEquals("1.2", m.version);
        assertEquals("1.1", m.lwm2mVersion);
        assertEquals("urn:oma:lwm2m:oma:3:1.2", m.urn);
        assertEquals(false, m.multiple);
        assertEquals(true, m.mandatory);
        assertEquals(device.description(), m.description);
        assertEquals(device.resources().size(), m.resources.size());

        org.eclipse.leshan.core.model.ResourceModel r = LeshanModels.toLeshan(VALUE);
        assertEquals(Integer.valueOf(5700), r.id);
        assertEquals("Sensor Value", r.name);
        assertEquals(org.eclipse.leshan.core.model.ResourceModel.Operations.R, r.operations);
        assertEquals(false, r.multiple);
        assertEquals(true, r.mandatory);
        assertEquals(Type.FLOAT, r.type);
        assertEquals("-40..85", r.rangeEnumeration);
        assertEquals("Cel", r.units);
        assertEquals("Last value", r.description);

        // multi-instance integer with execute elsewhere
        org.eclipse.leshan.core.model.ResourceModel errors = m.resources.get(11);
        assertEquals(true, errors.multiple);
        assertEquals(Type.INTEGER, errors.type);
        assertEquals(org.eclipse.leshan.core.model.ResourceModel.Operations.E, m.resources.get(4).operations);
        assertEquals(Type.NONE, m.resources.get(4).type);
    }

    @Test
    public void generatesTheUrnWhenTheModelHasNone() {
        org.eclipse.leshan.core.model.ObjectModel m = LeshanModels.toLeshan(temperature("1.1", VALUE));
        assertEquals("urn:oma:lwm2m:ext:3303:1.1", m.urn);
        assertEquals("1.1", m.lwm2mVersion);
    }

    @Test
    public void typesAndOperationsMapOneToOne() {
        for (ResourceType t : ResourceType.values()) {
            assertEquals(t, LeshanModels.fromLeshan(LeshanModels.toLeshan(t)));
        }
        assertEquals(Type.CORELINK, LeshanModels.toLeshan(ResourceType.CORELNK));
        assertEquals(Type.UNSIGNED_INTEGER, LeshanModels.toLeshan(ResourceType.UNSIGNED_INTEGER));
        assertEquals(Type.NONE, LeshanModels.toLeshan(ResourceType.NONE));
        assertEquals(ResourceType.NONE, LeshanModels.fromLeshan(null));
        for (Operations o : Operations.values()) {
            assertEquals(o.name(), LeshanModels.toLeshan(o).name());
        }
    }

    @Test
    public void cachesByModelIdentityAndFollowsChanges() {
        AtomicReference<ObjectModel> current = new AtomicReference<>(temperature("1.0", VALUE));
        AtomicInteger lookups = new AtomicInteger();
        LeshanModels models = new LeshanModels(id -> {
            lookups.incrementAndGet();
            return id == 3303 ? Optional.ofNullable(current.get()) : Optional.empty();
        });

        org.eclipse.leshan.core.model.ObjectModel first = models.getObjectModel(3303);
        assertSame(first, models.getObjectModel(3303));
        assertSame(first.resources.get(5700), models.getResourceModel(3303, 5700));
        assertEquals(3, lookups.get()); // every call asks the repository

        // an equal but new instance is converted again
        current.set(temperature("1.0", VALUE));
        assertNotSame(first, models.getObjectModel(3303));

        // a changed model is served at once
        current.set(temperature("1.1", VALUE, new ResourceModel(5701, "Units", Operations.R, false, false,
                ResourceType.STRING, "", "", "")));
        assertEquals("1.1", models.getObjectModel(3303).version);
        assertEquals(Type.STRING, models.getResourceModel(3303, 5701).type);

        // a model that went away is gone
        current.set(null);
        assertNull(models.getObjectModel(3303));
        assertNull(models.getResourceModel(3303, 5700));
        assertTrue(models.getObjectModels().isEmpty());
        assertNull(models.getObjectModel(1234));
    }

    @Test
    public void objectModelsAreTheOnesLookedUp() {
        LeshanModels models = new LeshanModels(TestModels.standard());
        assertTrue(models.getObjectModels().isEmpty());
        models.getResourceModel(3, 0);
        models.getObjectModel(3303);
        assertEquals(2, models.getObjectModels().size());
    }

    @Test
    public void nullOptionalFromTheLookupMeansNoModel() {
        LeshanModels models = new LeshanModels(id -> null);
        assertNull(models.getObjectModel(3));
    }
}
