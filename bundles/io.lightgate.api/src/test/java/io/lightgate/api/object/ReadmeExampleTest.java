/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** The SimpleObject example of README.md ("Writing an object bundle"), kept compiling and working here. */
public class ReadmeExampleTest {

    // --- README example start (copy changes to README.md) ---
    @Component(service = LwM2mObject.class, immediate = true)
    @ObjectId(3200)
    public static final class DoorContact extends SimpleObject {

        private final AtomicBoolean open = new AtomicBoolean();
        private final AtomicLong openings = new AtomicLong();

        @Activate
        public DoorContact() {
            addInstance(SimpleInstance.builder(0)
                    .bool(5500, open::get)              // Digital Input State
                    .integer(5501, openings::get)       // Digital Input Counter
                    .executable(5505, args -> {         // Digital Input Counter Reset
                        openings.set(0);
                        fireResourcesChanged(0, 5501);  // an Execute that changes a value reports it
                    })
                    .build());
        }

        /** Called by whatever watches the contact. */
        void contactChanged(boolean nowOpen) {
            if (open.getAndSet(nowOpen) != nowOpen) {
                if (nowOpen) {
                    openings.incrementAndGet();
                    fireResourcesChanged(0, 5500, 5501);
                } else {
                    fireResourcesChanged(0, 5500);
                }
            }
        }
    }
    // --- README example end ---

    @Test
    public void theReadmeExampleCountsAndItsResetNotifies() {
        DoorContact door = new DoorContact();
        List<String> changes = new ArrayList<>();
        door.setListener(new ObjectListener() {
            @Override
            public void resourcesChanged(int instanceId, int... resourceIds) {
                changes.add(instanceId + ":" + Arrays.toString(resourceIds));
            }

            @Override
            public void instancesChanged() {
            }
        });
        door.contactChanged(true);
        door.contactChanged(true);
        door.contactChanged(false);
        door.contactChanged(true);
        assertTrue(door.read(0, 5500).toCompletableFuture().join().value().asBoolean());
        assertEquals(2, door.read(0, 5501).toCompletableFuture().join().value().asLong());
        door.execute(0, 5505, ExecuteArguments.NONE).toCompletableFuture().join();
        assertEquals(0, door.read(0, 5501).toCompletableFuture().join().value().asLong());
        assertEquals(List.of("0:[5500, 5501]", "0:[5500]", "0:[5500, 5501]", "0:[5501]"), changes);
        door.contactChanged(false);
        assertFalse(door.read(0, 5500).toCompletableFuture().join().value().asBoolean());
    }
}
