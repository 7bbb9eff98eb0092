/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.WriteMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Test;

/**
 * Fault isolation between objects: each object's calls run in its own lane on the registry's
 * pool, so an object that blocks, throws or answers nonsense costs its own calls only, and no
 * caller ever waits for an object.
 */
public class ObjectLanesTest {

    private static final ObjectModel MODEL = ObjectOperationsTest.MODEL;
    private static final long WAIT_S = 10; // bound for awaits; only a failing test waits this long

    private final RecordingSink sink = new RecordingSink();
    private final List<ObjectCalls> pools = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blockedEntered = new CountDownLatch(1);
    private final AtomicReference<Thread> blockedOn = new AtomicReference<>();

    @After
    public void tearDown() {
        release.countDown();
        pools.forEach(ObjectCalls::close);
    }

    private ObjectOperations operations(int threads, int laneLimit, Duration timeout) {
        ObjectCalls calls = new ObjectCalls(threads, laneLimit);
        pools.add(calls);
        return new ObjectOperations(timeout, calls);
    }

    private Attachment attach(String endpoint, TestObject object) {
        Attachment a = new Attachment(endpoint, new Contribution(1, 0, MODEL.id(), endpoint, object, "test.stuck 1.0.0 [9]"), MODEL, sink);
        a.attach();
        return a;
    }

    /** Resource 1 reads 21.5. */
    private static TestObject healthy() {
        TestObject o = new TestObject(0);
        o.resources = Set.of(1, 2, 4);
        o.reads.put(1, () -> CompletableFuture.completedFuture(Resource.of(1, Value.of(21.5))));
        return o;
    }

    /** Resource 1's read blocks its thread (against the SPI contract) until {@link #release}. */
    private TestObject blocking() {
        return blocking(blockedEntered);
    }

    /** As {@link #blocking()}, counting {@code entered} down when a read starts to block. */
    private TestObject blocking(CountDownLatch entered) {
        TestObject o = healthy();
        o.reads.put(1, () -> {
            blockedOn.set(Thread.currentThread());
            entered.countDown();
            try {
                release.await(WAIT_S * 3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CompletableFuture.completedFuture(Resource.of(1, Value.of(-1.0)));
        });
        return o;
    }

    private static LwM2mPath path(int... ids) {
        StringBuilder b = new StringBuilder("/" + MODEL.id());
        for (int id : ids) {
            b.append('/').append(id);
        }
        return LwM2mPath.parse(b.toString());
    }

    private static <T> T value(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }

    private static LwM2mException failure(CompletionStage<?> stage) throws Exception {
        try {
            Object v = stage.toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
            fail("the operation did not fail but answered " + v);
            throw new AssertionError();
        } catch (ExecutionException e) {
            return LwM2mException.from(e, "operation");
        }
    }

    /** The caller gets its answer just before the lane counts the call as done: wait (bounded) for that. */
    private static void awaitIdle(ObjectCalls.Lane lane) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (lane.pending() != 0) {
            assertTrue("the lane empties, pending " + lane.pending(), System.nanoTime() < deadline);
            Thread.onSpinWait();
        }
    }

    private void awaitBlocked() throws InterruptedException {
        assertTrue("the blocking read started", blockedEntered.await(WAIT_S, TimeUnit.SECONDS));
    }

    @Test
    public void aBlockingObjectDelaysOnlyItsOwnCalls() throws Exception {
        ObjectOperations ops = operations(4, 100, Duration.ofSeconds(60));
        TestObject healthyObject = healthy();
        Attachment stuck = attach("stuck-ep", blocking());
        Attachment other = attach("other-ep", healthyObject);

        CompletableFuture<Resource> blockedRead = ops.readResource(stuck, path(0, 1)).toCompletableFuture();
        awaitBlocked();
        assertNotSame("the object blocks a pool thread, not the caller's", Thread.currentThread(), blockedOn.get());
        // more calls of the stuck object wait in its lane; they do not take the other threads
        List<CompletableFuture<?>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queued.add(ops.readResource(stuck, path(0, 1)).toCompletableFuture());
            queued.add(ops.execute(stuck, path(0, 4), ExecuteArguments.NONE).toCompletableFuture());
        }

        // the other object answers reads, writes and executes, many times, while the first is stuck
        for (int i = 0; i < 200; i++) {
            assertEquals(Resource.of(1, Value.of(21.5)), value(ops.readResource(other, path(0, 1))));
        }
        value(ops.write(other, 0, List.of(Resource.of(2, Value.of(3.0))), WriteMode.UPDATE));
        value(ops.execute(other, path(0, 4), ExecuteArguments.NONE));
        assertEquals(1, healthyObject.writes.size());
        assertEquals(1, healthyObject.executes.size());
        assertEquals(Set.of(1), value(ops.readInstance(other, 0)).resources().keySet());

        assertFalse("the stuck read is still waiting", blockedRead.isDone());
        assertTrue("its queued calls too", queued.stream().noneMatch(CompletableFuture::isDone));
        assertEquals(41, stuck.lane.pending());

        release.countDown();
        assertEquals(Resource.of(1, Value.of(-1.0)), value(blockedRead));
        for (CompletableFuture<?> f : queued) {
            value(f); // every queued call is served once the object returns
        }
        awaitIdle(stuck.lane);
    }

    @Test
    public void anObjectThatReadsAtOnceIsReadOnTheCallersThreadOthersInTheirLane() throws Exception {
        ObjectOperations ops = operations(4, 100, Duration.ofSeconds(60));
        AtomicReference<Thread> readOn = new AtomicReference<>();
        TestObject atOnce = healthy();
        atOnce.readsAtOnce = true;
        atOnce.reads.put(1, () -> {
            readOn.set(Thread.currentThread());
            return CompletableFuture.completedFuture(Resource.of(1, Value.of(21.5)));
        });
        Attachment fast = attach("fast-ep", atOnce);
        CompletionStage<Resource> read = ops.readResource(fast, path(0, 1));
        assertTrue("answered before the call returned", read.toCompletableFuture().isDone());
        assertEquals(Resource.of(1, Value.of(21.5)), value(read));
        assertEquals(Thread.currentThread(), readOn.get());
        assertEquals(Set.of(1), value(ops.readInstance(fast, 0)).resources().keySet());
        assertEquals(Thread.currentThread(), readOn.get());
        assertEquals("the lane is free again", 0, fast.lane.pending());

        // writes of such an object, and every call of an object that does not say so, run in the lane
        atOnce.readsAtOnce = false;
        value(ops.readResource(fast, path(0, 1)));
        assertNotSame(Thread.currentThread(), readOn.get());
    }

    @Test
    public void aReadAtOnceQueuesBehindTheObjectsCallsInItsLane() throws Exception {
        ObjectOperations ops = operations(4, 100, Duration.ofSeconds(60));
        TestObject object = blocking();
        Attachment a = attach("ordered-ep", object);
        CompletableFuture<Resource> blockedRead = ops.readResource(a, path(0, 1)).toCompletableFuture();
        awaitBlocked();
        object.readsAtOnce = true;
        AtomicReference<Thread> readOn = new AtomicReference<>();
        object.reads.put(1, () -> {
            readOn.set(Thread.currentThread());
            return CompletableFuture.completedFuture(Resource.of(1, Value.of(3.0)));
        });
        CompletableFuture<Resource> later = ops.readResource(a, path(0, 1)).toCompletableFuture();
        assertFalse("it waits for the call before it, in order", later.isDone());
        release.countDown();
        assertEquals(Resource.of(1, Value.of(-1.0)), value(blockedRead));
        assertEquals(Resource.of(1, Value.of(3.0)), value(later));
        assertNotSame("run by the lane, not the caller", Thread.currentThread(), readOn.get());
        awaitIdle(a.lane);
    }

    @Test
    public void aCallQueuedBehindAStuckOneAnswers503AtItsTimeoutAndTheLaneRecovers() throws Exception {
        ObjectOperations ops = operations(4, 100, Duration.ofMillis(300));
        TestObject object = blocking();
        Attachment stuck = attach("stuck-ep", object);
        CompletionStage<Resource> first = ops.readResource(stuck, path(0, 1));
        awaitBlocked();
        CompletionStage<Void> queued = ops.execute(stuck, path(0, 4), ExecuteArguments.NONE);

        LwM2mException e = failure(queued);
        assertEquals(e.toString(), ResponseCode.SERVICE_UNAVAILABLE, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("execute /" + MODEL.id() + "/0/4 did not answer within 300 ms"));
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, failure(first).code());

        release.countDown();
        // the object keeps its lane: the execute that timed out while queued is skipped, new calls run
        object.reads.put(1, () -> CompletableFuture.completedFuture(Resource.of(1, Value.of(7.0))));
        assertEquals(Resource.of(1, Value.of(7.0)), value(ops.readResource(stuck, path(0, 1))));
        assertEquals("the timed-out execute never reached the object", List.of(), object.executes);
    }

    @Test
    public void aFullLaneRefusesAtOnceNamingTheObjectAndTheEndpoint() throws Exception {
        ObjectOperations ops = operations(4, 3, Duration.ofSeconds(60));
        Attachment stuck = attach("stuck-ep", blocking());
        Attachment other = attach("other-ep", healthy());
        ops.readResource(stuck, path(0, 1));
        awaitBlocked();
        ops.readResource(stuck, path(0, 1));
        ops.readResource(stuck, path(0, 1));

        CompletableFuture<Resource> refused = ops.readResource(stuck, path(0, 1)).toCompletableFuture();
        assertTrue("refused without waiting", refused.isDone());
        LwM2mException e = failure(refused);
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("read /" + MODEL.id() + "/0/1 on endpoint 'stuck-ep'"));
        assertTrue(e.getMessage(), e.getMessage().contains("3 calls of this object are already waiting"));
        assertEquals("the other object's lane is its own", Resource.of(1, Value.of(21.5)), value(ops.readResource(other, path(0, 1))));
    }

    @Test
    public void whenEveryThreadIsHeldByStuckObjectsOthersWaitWithoutBlockingTheCaller() throws Exception {
        ObjectOperations ops = operations(1, 100, Duration.ofMillis(500));
        Attachment stuck = attach("stuck-ep", blocking());
        Attachment other = attach("other-ep", healthy());
        ops.readResource(stuck, path(0, 1));
        awaitBlocked();

        // the only thread is held: the other object's read waits for it and answers 5.03 at its timeout
        LwM2mException e = failure(ops.readResource(other, path(0, 1)));
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("did not answer within 500 ms"));

        release.countDown();
        assertEquals(Resource.of(1, Value.of(21.5)), value(ops.readResource(other, path(0, 1))));
    }

    @Test
    public void quickCallsOfManyObjectsKeepThePoolAtOneThreadPerCore() throws Exception {
        ObjectCalls calls = new ObjectCalls(64, 100);
        pools.add(calls);
        ObjectOperations ops = new ObjectOperations(Duration.ofSeconds(60), calls);
        List<Attachment> objects = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            objects.add(attach("ep-" + i, healthy()));
        }
        List<CompletableFuture<Resource>> reads = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (Attachment a : objects) {
                reads.add(ops.readResource(a, path(0, 1)).toCompletableFuture());
            }
        }
        for (CompletableFuture<Resource> read : reads) {
            assertEquals(Resource.of(1, Value.of(21.5)), value(read));
        }
        // one per core, plus the odd one added when a loaded machine kept every call from returning for a while
        int perCore = Math.max(2, Runtime.getRuntime().availableProcessors());
        assertTrue("threads " + calls.threads() + " for calls that return at once, not up to 64", calls.threads() <= perCore + 8);
    }

    @Test
    public void callThreadsEndWhenTheCallsStop() throws Exception {
        ObjectCalls calls = new ObjectCalls(16, 100, Duration.ofMillis(200));
        pools.add(calls);
        ObjectOperations ops = new ObjectOperations(Duration.ofSeconds(60), calls);
        List<CompletableFuture<Resource>> reads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            reads.add(ops.readResource(attach("ep-" + i, healthy()), path(0, 1)).toCompletableFuture());
        }
        for (CompletableFuture<Resource> read : reads) {
            assertEquals(Resource.of(1, Value.of(21.5)), value(read));
        }
        assertTrue("calls ran on call threads", calls.threads() > 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (calls.threads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("call threads left after the calls stopped", 0, calls.threads());
        assertEquals("a call after the pause starts a thread again", Resource.of(1, Value.of(21.5)),
                value(ops.readResource(attach("after-pause", healthy()), path(0, 1))));
    }

    @Test
    public void whenObjectsBlockThePoolGrowsSoThatOthersStillAnswer() throws Exception {
        ObjectOperations ops = operations(16, 100, Duration.ofSeconds(60));
        // more blocking objects than there are threads per core
        CountDownLatch allBlocked = new CountDownLatch(6);
        List<CompletableFuture<Resource>> stuckReads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            stuckReads.add(ops.readResource(attach("stuck-" + i, blocking(allBlocked)), path(0, 1)).toCompletableFuture());
        }
        assertTrue("every blocking object got a thread of its own", allBlocked.await(WAIT_S, TimeUnit.SECONDS));
        assertEquals("a healthy object still answers", Resource.of(1, Value.of(21.5)),
                value(ops.readResource(attach("other", healthy()), path(0, 1))));
        release.countDown();
        for (CompletableFuture<Resource> read : stuckReads) {
            assertEquals(Resource.of(1, Value.of(-1.0)), value(read));
        }
    }

    @Test
    public void throwingObjectsAnswerErrorsAndKeepTheirLane() throws Exception {
        ObjectOperations ops = operations(2, 100, Duration.ofSeconds(60));
        TestObject object = healthy();
        Attachment a = attach("ep", object);
        object.reads.put(1, () -> {
            throw new IllegalStateException("driver crashed");
        });
        assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, failure(ops.readResource(a, path(0, 1))).code());
        object.reads.put(1, () -> {
            throw new StackOverflowError("recursed");
        });
        LwM2mException e = failure(ops.readResource(a, path(0, 1)));
        assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, e.code());
        assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof StackOverflowError);
        object.reads.put(1, () -> {
            throw LwM2mException.unavailable("meter asleep");
        });
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, failure(ops.readResource(a, path(0, 1))).code());

        object.reads.put(1, () -> CompletableFuture.completedFuture(Resource.of(1, Value.of(1.5))));
        assertEquals("the lane still serves the object", Resource.of(1, Value.of(1.5)), value(ops.readResource(a, path(0, 1))));
        awaitIdle(a.lane);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void wrongReturnTypesAnswer500AndTheLogNamesTheBundle() throws Exception {
        ObjectOperations ops = operations(2, 100, Duration.ofSeconds(60));
        TestObject object = new TestObject(0) {
            @Override
            public CompletionStage<Integer> create(Integer instanceId, List<Resource> resources) {
                return (CompletionStage) CompletableFuture.completedFuture("seven"); // raw types let this through
            }
        };
        object.resources = Set.of(1);
        object.reads.put(1, () -> (CompletionStage) CompletableFuture.completedFuture(21.5)); // a Double, not a Resource
        Attachment a = attach("typed-ep", object);

        String log = capturingStandardError(() -> {
            LwM2mException read = failure(ops.readResource(a, path(0, 1)));
            assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, read.code());
            assertTrue(read.getMessage(), read.getMessage().contains("answered a Double instead of a Resource"));
            LwM2mException create = failure(ops.create(a, 5, List.of()));
            assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, create.code());
            assertTrue(create.getMessage(), create.getMessage().contains("answered a String instead of a Integer"));
        });
        assertTrue(log, log.contains("read /" + MODEL.id() + "/0/1 on endpoint 'typed-ep' from bundle test.stuck 1.0.0 [9]"));
        assertTrue(log, log.contains("answered a java.lang.Double where a Resource was due"));
    }

    private interface Action {
        void run() throws Exception;
    }

    /** slf4j-simple writes to whatever System.err is at the time of the log call. */
    private static String capturingStandardError(Action action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }
}
