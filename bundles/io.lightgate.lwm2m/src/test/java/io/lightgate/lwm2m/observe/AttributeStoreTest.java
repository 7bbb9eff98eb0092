/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.observe;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.ResponseCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class AttributeStoreTest {

    private static final int SERVER_A = 101;
    private static final int SERVER_B = 102;

    private final AttributeStore store = new AttributeStore();

    private static NotificationAttributes.Change q(String... queries) {
        return NotificationAttributes.parseQuery(Arrays.asList(queries));
    }

    private static LwM2mPath p(String path) {
        return LwM2mPath.parse(path);
    }

    @Test
    public void lowerLevelsOverrideHigherOnes() {
        store.write(SERVER_A, p("/3303"), q("pmin=100", "pmax=1000", "epmax=50"));
        store.write(SERVER_A, p("/3303/0"), q("pmin=10"));
        store.write(SERVER_A, p("/3303/0/5700"), q("pmax=500", "gt=25"));
        store.write(SERVER_A, p("/3/0/7"), q("pmin=7"));
        store.write(SERVER_A, p("/3/0/7/1"), q("pmin=1", "st=2"));

        assertEquals("pmin=100&pmax=1000&epmax=50", store.effective(SERVER_A, p("/3303")).toString());
        assertEquals("pmin=10&pmax=1000&epmax=50", store.effective(SERVER_A, p("/3303/0")).toString());
        assertEquals("pmin=10&pmax=500&gt=25&epmax=50", store.effective(SERVER_A, p("/3303/0/5700")).toString());
        // another instance and another resource only inherit from the levels above them
        assertEquals("pmin=100&pmax=1000&epmax=50", store.effective(SERVER_A, p("/3303/1/5700")).toString());
        assertEquals("pmin=10&pmax=1000&epmax=50", store.effective(SERVER_A, p("/3303/0/5701")).toString());
        // rule 3a: the resource instance prevails over the resource
        assertEquals("pmin=1&st=2", store.effective(SERVER_A, p("/3/0/7/1")).toString());
        assertEquals("pmin=7", store.effective(SERVER_A, p("/3/0/7/0")).toString());
        // attributes below the observed path do not apply to it
        assertTrue(store.effective(SERVER_A, p("/3/0")).isEmpty());
    }

    @Test
    public void serverDefaultsAreTheLowestPrecedence() {
        NotificationAttributes defaults = NotificationAttributes.serverDefaults(5L, 300L);
        assertEquals("pmin=5&pmax=300", store.effective(SERVER_A, p("/3/0/9"), defaults).toString());
        store.write(SERVER_A, p("/3/0"), q("pmax=60"));
        assertEquals("pmin=5&pmax=60", store.effective(SERVER_A, p("/3/0/9"), defaults).toString());
        store.write(SERVER_A, p("/3/0/9"), q("pmin=1"));
        assertEquals("pmin=1&pmax=60", store.effective(SERVER_A, p("/3/0/9"), defaults).toString());
    }

    @Test
    public void serversAreIndependent() {
        store.write(SERVER_A, p("/3/0/9"), q("pmin=10", "gt=50"));
        store.write(SERVER_B, p("/3/0"), q("pmax=20"));

        assertEquals("pmin=10&gt=50", store.effective(SERVER_A, p("/3/0/9")).toString());
        assertEquals("pmax=20", store.effective(SERVER_B, p("/3/0/9")).toString());
        assertTrue(store.attached(SERVER_B, p("/3/0/9")).isEmpty());
        assertTrue(store.attached(SERVER_A, p("/3/0")).isEmpty());

        // a server's inconsistent write does not see the other server's attributes
        store.write(SERVER_B, p("/3/0/9"), q("lt=60"));   // would clash with A's gt=50
        assertEquals("lt=60", store.attached(SERVER_B, p("/3/0/9")).toString());

        store.forget(SERVER_A);
        assertTrue(store.effective(SERVER_A, p("/3/0/9")).isEmpty());
        assertEquals("pmax=20&lt=60", store.effective(SERVER_B, p("/3/0/9")).toString());
    }

    @Test
    public void attachedIsOnlyWhatWasWrittenAtThatPath() {
        store.write(SERVER_A, p("/3/0"), q("pmin=10"));
        store.write(SERVER_A, p("/3/0/9"), q("gt=50"));
        assertEquals("pmin=10", store.attached(SERVER_A, p("/3/0")).toString());
        assertEquals("gt=50", store.attached(SERVER_A, p("/3/0/9")).toString());
        assertTrue(store.attached(SERVER_A, p("/3")).isEmpty());
        assertEquals(List.of(p("/3/0"), p("/3/0/9")), new ArrayList<>(store.attachedUnder(SERVER_A, p("/3")).keySet()));
        assertEquals(List.of(p("/3/0/9")), new ArrayList<>(store.attachedUnder(SERVER_A, p("/3/0/9")).keySet()));
        assertTrue(store.attachedUnder(SERVER_B, p("/3")).isEmpty());
    }

    @Test
    public void writeAppliesToWhatIsThereAndRemovesEmptyEntries() {
        store.write(SERVER_A, p("/3/0/9"), q("pmin=10", "pmax=60"));
        NotificationAttributes now = store.write(SERVER_A, p("/3/0/9"), q("pmax", "st=1"));
        assertEquals("pmin=10&st=1", now.toString());
        store.write(SERVER_A, p("/3/0/9"), q("pmin", "st"));
        assertTrue(store.attachedUnder(SERVER_A, p("/3")).isEmpty());
    }

    @Test
    public void rejectedWriteChangesNothing() {
        store.write(SERVER_A, p("/3/0/9"), q("gt=50", "pmin=10"));
        try {
            store.write(SERVER_A, p("/3/0/9"), q("lt=70", "pmax=20"));
            fail();
        } catch (LwM2mException e) {
            assertEquals(ResponseCode.BAD_REQUEST, e.code());
        }
        assertEquals("pmin=10&gt=50", store.attached(SERVER_A, p("/3/0/9")).toString());
        try {
            store.write(SERVER_A, LwM2mPath.ROOT, q("pmin=1"));
            fail();
        } catch (LwM2mException e) {
            assertEquals(ResponseCode.BAD_REQUEST, e.code());
        }
    }

    @Test
    public void forgetPathDropsThePathAndBelowForEveryServer() {
        for (int ssid : new int[] { SERVER_A, SERVER_B }) {
            store.write(ssid, p("/3303"), q("pmin=1"));
            store.write(ssid, p("/3303/0"), q("pmin=2"));
            store.write(ssid, p("/3303/0/5700"), q("gt=3"));
            store.write(ssid, p("/3303/1/5700"), q("gt=4"));
            store.write(ssid, p("/3304/0"), q("pmin=5"));
        }
        store.forgetPath(p("/3303/0"));
        for (int ssid : new int[] { SERVER_A, SERVER_B }) {
            assertEquals(List.of(p("/3303"), p("/3303/1/5700")), new ArrayList<>(store.attachedUnder(ssid, p("/3303")).keySet()));
            assertEquals("pmin=5", store.attached(ssid, p("/3304/0")).toString());
        }
        store.forgetPath(SERVER_A, p("/3303"));
        assertTrue(store.attachedUnder(SERVER_A, p("/3303")).isEmpty());
        assertEquals(2, store.attachedUnder(SERVER_B, p("/3303")).size());
    }

    @Test
    public void concurrentWritesAreNotLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int ssid = t % 2 == 0 ? SERVER_A : SERVER_B;
                int instance = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        store.write(ssid, LwM2mPath.of(3303, instance, i), q("pmin=" + i));
                        store.write(ssid, LwM2mPath.of(3303, instance), q("pmax=" + (1000 + i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(4 * 201, store.attachedUnder(SERVER_A, p("/3303")).size());
        assertEquals(4 * 201, store.attachedUnder(SERVER_B, p("/3303")).size());
        assertEquals("pmin=199&pmax=1199", store.effective(SERVER_B, LwM2mPath.of(3303, 7, 199)).toString());
    }
}
