/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Before;
import org.junit.Test;

public class SimpleObjectTest {

    private final AtomicLong setpoint = new AtomicLong(20);
    private final AtomicReference<String> secret = new AtomicReference<>();
    private final TreeMap<Integer, Value> tags = new TreeMap<>();
    private final List<ExecuteArguments> executed = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private SimpleObject object;

    @Before
    public void setUp() {
        tags.put(0, Value.of("a"));
        tags.put(1, Value.of("b"));
        SimpleInstance instance = SimpleInstance.builder(0)
                .string(0, () -> "Lightgate")
                .integer(1, () -> 42)
                .floating(2, () -> 21.5)
                .bool(3, () -> true)
                .time(4, () -> Instant.ofEpochSecond(1_700_000_000L))
                .writable(5, ResourceType.INTEGER, () -> Value.of(setpoint.get()), v -> {
                    if (v.asLong() < 0) {
                        throw new IllegalArgumentException("setpoint " + v.asLong() + " is negative");
                    }
                    setpoint.set(v.asLong());
                })
                .writable(6, ResourceType.STRING, null, v -> secret.set(v.asString()))
                .writableInstances(7, ResourceType.STRING, () -> new TreeMap<>(tags), m -> {
                    tags.clear();
                    tags.putAll(m);
                })
                .readableInstances(8, ResourceType.INTEGER, () -> Map.of(0, Value.of(1L), 1, Value.of(2L)))
                .executable(9, executed::add)
                .executable(10, args -> {
                    throw new IllegalArgumentException("argument 0 is required");
                })
                .executable(11, args -> {
                    throw new IOException("device gone");
                })
                .executable(12, args -> {
                    throw LwM2mException.unavailable("busy");
                })
                .readable(13, ResourceType.STRING, () -> {
                    throw new IllegalStateException("sensor broken");
                })
                .readableAsync(14, ResourceType.FLOAT, () -> CompletableFuture.completedFuture(Value.of(1.25)))
                .build();
        object = new SimpleObject(instance);
        object.setListener(new ObjectListener() {
            @Override
            public void resourcesChanged(int instanceId, int... resourceIds) {
                events.add("resources " + instanceId + " " + java.util.Arrays.toString(resourceIds));
            }

            @Override
            public void valuesChanged(int instanceId, List<Resource> values) {
                events.add("values " + instanceId + " " + values.stream().map(r -> r.id() + "=" + (r.isMultiple() ? r.instances() : r.value().toText())).toList());
            }

            @Override
            public void instancesChanged() {
                events.add("instances " + object.instanceIds());
            }
        });
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static <T> T value(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static LwM2mException failure(CompletionStage<?> stage) throws InterruptedException, TimeoutException {
        try {
            stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return LwM2mException.from(e, "operation");
        }
        fail("the operation did not fail");
        return null;
    }

    private Resource read(int resourceId) throws Exception {
        return value(object.read(0, resourceId));
    }

    // ---- read ------------------------------------------------------------------------------

    @Test
    public void readsEveryKindOfResource() throws Exception {
        assertEquals(Resource.of(0, Value.of("Lightgate")), read(0));
        assertEquals(Resource.of(1, Value.of(42L)), read(1));
        assertEquals(Resource.of(2, Value.of(21.5)), read(2));
        assertEquals(Resource.of(3, Value.of(true)), read(3));
        assertEquals(Resource.of(4, Value.ofTime(Instant.ofEpochSecond(1_700_000_000L))), read(4));
        assertEquals(Resource.of(5, Value.of(20L)), read(5));
        assertEquals(Resource.ofInstances(7, ResourceType.STRING, Map.of(0, Value.of("a"), 1, Value.of("b"))), read(7));
        assertEquals(Resource.ofInstances(8, ResourceType.INTEGER, Map.of(0, Value.of(1L), 1, Value.of(2L))), read(8));
        assertEquals(Resource.of(14, Value.of(1.25)), read(14));
    }

    @Test
    public void readsAtOnceOnlyWhenDeclaredAndNoReaderAnswersLater() {
        assertFalse("not declared", object.readsAtOnce(0));
        SimpleObject declared = new SimpleObject(SimpleInstance.builder(0).readsAtOnce().string(0, () -> "x").build(),
                SimpleInstance.builder(1).readsAtOnce().string(0, () -> "x")
                        .readableAsync(1, ResourceType.STRING, () -> new CompletableFuture<>()).build());
        assertTrue(declared.readsAtOnce(0));
        assertFalse("a resource read later keeps the instance in its lane", declared.readsAtOnce(1));
        assertFalse("no such instance", declared.readsAtOnce(7));
    }

    @Test
    public void readOfUnknownResourceIsNotFound() throws Exception {
        LwM2mException e = failure(object.read(0, 99));
        assertEquals(ResponseCode.NOT_FOUND, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("99"));
    }

    @Test
    public void readOfUnknownInstanceIsNotFound() throws Exception {
        LwM2mException e = failure(object.read(5, 0));
        assertEquals(ResponseCode.NOT_FOUND, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("instance 5"));
    }

    @Test
    public void readOfWriteOnlyOrExecutableIsNotAllowed() throws Exception {
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, failure(object.read(0, 6)).code());
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, failure(object.read(0, 9)).code());
    }

    @Test
    public void readerThatThrowsFailsTheStage() throws Exception {
        CompletionStage<Resource> stage = object.read(0, 13);
        try {
            stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
            fail("read should fail");
        } catch (ExecutionException e) {
            assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof IllegalStateException);
        }
        assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, failure(stage).code());
    }

    // ---- write -----------------------------------------------------------------------------

    @Test
    public void writeSingleResource() throws Exception {
        value(object.write(0, List.of(Resource.of(5, Value.of(25L))), WriteMode.REPLACE));
        assertEquals(25L, setpoint.get());
        assertEquals(Resource.of(5, Value.of(25L)), read(5));
        assertEquals(List.of("values 0 [5=25]"), events);
    }

    @Test
    public void writeOnlyResource() throws Exception {
        value(object.write(0, List.of(Resource.of(6, Value.of("pw"))), WriteMode.UPDATE));
        assertEquals("pw", secret.get());
    }

    @Test
    public void replaceOfMultiInstanceResourceReplacesTheWholeSet() throws Exception {
        Resource payload = Resource.ofInstances(7, ResourceType.STRING, Map.of(5, Value.of("z")));
        value(object.write(0, List.of(payload), WriteMode.REPLACE));
        assertEquals(Map.of(5, Value.of("z")), tags);
        assertEquals(Map.of(5, Value.of("z")), read(7).instances());
    }

    @Test
    public void updateOfMultiInstanceResourceMergesInstances() throws Exception {
        Resource payload = Resource.ofInstances(7, ResourceType.STRING, Map.of(1, Value.of("B"), 2, Value.of("c")));
        value(object.write(0, List.of(payload), WriteMode.UPDATE));
        assertEquals(Map.of(0, Value.of("a"), 1, Value.of("B"), 2, Value.of("c")), tags);
        assertEquals(List.of("values 0 [7={0=a, 1=B, 2=c}]"), events);
    }

    @Test
    public void writeOfReadOnlyResourceIsNotAllowed() throws Exception {
        LwM2mException e = failure(object.write(0, List.of(Resource.of(1, Value.of(7L))), WriteMode.REPLACE));
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("resource 1"));
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED,
                failure(object.write(0, List.of(Resource.of(9, Value.of(7L))), WriteMode.REPLACE)).code());
        assertTrue(events.isEmpty());
    }

    @Test
    public void writeIsAllOrNothingWhenOneResourceIsNotWritable() throws Exception {
        LwM2mException e = failure(object.write(0,
                List.of(Resource.of(5, Value.of(30L)), Resource.of(1, Value.of(7L))), WriteMode.UPDATE));
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, e.code());
        assertEquals(20L, setpoint.get());
    }

    @Test
    public void writeOfUnknownResourceIsNotFound() throws Exception {
        LwM2mException e = failure(object.write(0, List.of(Resource.of(99, Value.of(7L))), WriteMode.REPLACE));
        assertEquals(ResponseCode.NOT_FOUND, e.code());
        assertEquals(ResponseCode.NOT_FOUND,
                failure(object.write(3, List.of(Resource.of(5, Value.of(7L))), WriteMode.REPLACE)).code());
    }

    @Test
    public void writerRejectingTheValueIsBadRequest() throws Exception {
        LwM2mException e = failure(object.write(0, List.of(Resource.of(5, Value.of(-1L))), WriteMode.REPLACE));
        assertEquals(ResponseCode.BAD_REQUEST, e.code());
        assertEquals("setpoint -1 is negative", e.getMessage());
        assertEquals(20L, setpoint.get());
        assertTrue(events.isEmpty());
    }

    @Test
    public void writeOfSingleValueToMultiInstanceResourceIsBadRequest() throws Exception {
        assertEquals(ResponseCode.BAD_REQUEST,
                failure(object.write(0, List.of(Resource.of(7, Value.of("x"))), WriteMode.REPLACE)).code());
        assertEquals(ResponseCode.BAD_REQUEST, failure(object.write(0,
                List.of(Resource.ofInstances(5, ResourceType.INTEGER, Map.of(0, Value.of(1L)))), WriteMode.REPLACE)).code());
    }

    // ---- execute ---------------------------------------------------------------------------

    @Test
    public void executePassesArguments() throws Exception {
        ExecuteArguments args = ExecuteArguments.parse("0='on'");
        assertNull(value(object.execute(0, 9, args)));
        assertEquals(List.of(args), executed);
    }

    @Test
    public void executeFailures() throws Exception {
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, failure(object.execute(0, 1, ExecuteArguments.NONE)).code());
        assertEquals(ResponseCode.NOT_FOUND, failure(object.execute(0, 99, ExecuteArguments.NONE)).code());
        assertEquals(ResponseCode.NOT_FOUND, failure(object.execute(1, 9, ExecuteArguments.NONE)).code());
        LwM2mException bad = failure(object.execute(0, 10, ExecuteArguments.NONE));
        assertEquals(ResponseCode.BAD_REQUEST, bad.code());
        assertEquals("argument 0 is required", bad.getMessage());
        LwM2mException internal = failure(object.execute(0, 11, ExecuteArguments.NONE));
        assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, internal.code());
        assertTrue(internal.getCause() instanceof IOException);
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, failure(object.execute(0, 12, ExecuteArguments.NONE)).code());
        assertTrue(executed.isEmpty());
    }

    @Test
    public void createAndDeleteAreNotAllowedByDefault() throws Exception {
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, failure(object.create(null, List.of())).code());
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, failure(object.delete(0)).code());
    }

    // ---- instances and listener ------------------------------------------------------------

    @Test
    public void instanceAndResourceIds() {
        assertEquals(Set.of(0), object.instanceIds());
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14), object.resourceIds(0));
        assertEquals(Set.of(), object.resourceIds(1));
        assertThrows(UnsupportedOperationException.class, () -> object.instanceIds().add(3));
    }

    @Test
    public void listenerHearsInstanceChanges() {
        object.addInstance(SimpleInstance.builder(2).integer(1, () -> 1).build());
        assertFalse(object.removeInstance(7));
        assertTrue(object.removeInstance(0));
        assertEquals(List.of("instances [0, 2]", "instances [2]"), events);
        assertEquals(Set.of(2), object.instanceIds());
    }

    @Test
    public void listenerHearsResourceChanges() {
        object.fireResourcesChanged(0, 1, 2);
        object.fireResourcesChanged(0);
        assertEquals(List.of("values 0 [1=42, 2=21.5]", "resources 0 []"), events);
    }

    @Test
    public void valuesTravelWithTheChangeOnlyWhenEveryOneIsAtHand() {
        setpoint.set(30);
        object.fireResourcesChanged(0, 5);
        setpoint.set(31); // the report carries the value of the moment it was made
        object.fireResourcesChanged(0, 14); // asynchronous: not started by the report
        object.fireResourcesChanged(0, 1, 13); // 13's supplier throws
        object.fireResourcesChanged(0, 6); // write-only
        object.fireResourcesChanged(3, 1); // no such instance
        assertEquals(List.of("values 0 [5=30]", "resources 0 [14]", "resources 0 [1, 13]", "resources 0 [6]", "resources 3 [1]"), events);
    }

    @Test
    public void noListenerNoEvents() throws Exception {
        object.setListener(null);
        object.addInstance(SimpleInstance.builder(2).build());
        object.fireResourcesChanged(0, 1);
        value(object.write(0, List.of(Resource.of(5, Value.of(1L))), WriteMode.REPLACE));
        assertTrue(events.isEmpty());
        assertEquals(1L, setpoint.get());
    }

    @Test
    public void nextFreeIdFillsGaps() {
        SimpleObject o = new SimpleObject(SimpleInstance.builder(0).build(), SimpleInstance.builder(2).build());
        assertEquals(1, o.nextFreeId());
        o.addInstance(SimpleInstance.builder(1).build());
        assertEquals(3, o.nextFreeId());
    }

    @Test
    public void builderRejectsDuplicateResource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimpleInstance.builder(4).integer(1, () -> 1).string(1, () -> "x"));
        assertTrue(e.getMessage(), e.getMessage().contains("resource 1 defined twice in instance 4"));
    }

    @Test
    public void simpleInstanceDirectly() throws Exception {
        SimpleInstance i = SimpleInstance.builder(3).string(0, () -> "x").build();
        assertEquals(3, i.id());
        assertEquals(Set.of(0), i.resourceIds());
        assertEquals(Resource.of(0, Value.of("x")), value(i.read(0)));
        assertArrayEquals(new int[] { 0 }, i.resourceIds().stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    public void resourcesAreFoundInIdOrderWhateverOrderTheyWereDefinedIn() throws Exception {
        SimpleInstance instance = SimpleInstance.builder(0)
                .integer(5700, () -> 21)
                .string(1, () -> "one")
                .executable(300, args -> {
                })
                .string(0, () -> "zero")
                .build();
        assertEquals(List.of(0, 1, 300, 5700), new ArrayList<>(instance.resourceIds()));
        assertTrue(instance.resourceIds().contains(300));
        assertFalse(instance.resourceIds().contains(2));
        assertFalse(instance.resourceIds().contains((Object) "1"));
        assertEquals(Value.of(21L), instance.read(5700).toCompletableFuture().get(1, TimeUnit.SECONDS).value());
        assertEquals(Value.of("zero"), instance.read(0).toCompletableFuture().get(1, TimeUnit.SECONDS).value());
        ExecutionException missing = assertThrows(ExecutionException.class,
                () -> instance.read(2).toCompletableFuture().get(1, TimeUnit.SECONDS));
        assertEquals(ResponseCode.NOT_FOUND, ((LwM2mException) missing.getCause()).code());
        assertThrows(UnsupportedOperationException.class, () -> instance.resourceIds().remove(0));
    }
}
