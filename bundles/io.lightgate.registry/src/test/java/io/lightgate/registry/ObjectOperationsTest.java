/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.Operations;
import io.lightgate.api.model.ResourceModel;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.WriteMode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class ObjectOperationsTest {

    private static final int OBJECT = 9000;
    private static final long TIMEOUT_MS = 200;

    static final ObjectModel MODEL = ObjectModel.of(OBJECT, "Test", "1.0", true, false, List.of(
            resource(1, "Value", Operations.R, false, ResourceType.FLOAT),
            resource(2, "Setpoint", Operations.RW, false, ResourceType.FLOAT),
            resource(3, "Secret", Operations.W, false, ResourceType.STRING),
            resource(4, "Reset", Operations.E, false, ResourceType.NONE),
            resource(5, "Tags", Operations.R, true, ResourceType.STRING),
            resource(6, "Optional", Operations.R, false, ResourceType.INTEGER),
            resource(7, "Not implemented", Operations.R, false, ResourceType.INTEGER),
            resource(8, "Labels", Operations.RW, true, ResourceType.STRING)));

    private final ObjectCalls calls = new ObjectCalls(4, 100);
    private final ObjectOperations ops = new ObjectOperations(Duration.ofMillis(TIMEOUT_MS), calls);
    private final RecordingSink sink = new RecordingSink();
    private TestObject object;
    private Attachment attachment;

    static ResourceModel resource(int id, String name, Operations ops, boolean multiple, ResourceType type) {
        return new ResourceModel(id, name, ops, multiple, false, type, "", "", "");
    }

    static Attachment attach(ObjectModel model, TestObject object, Attachment.Sink sink) {
        Attachment a = new Attachment("gw", new Contribution(1, 0, model.id(), null, object, "test.bundle 1.0.0 [7]"), model, sink);
        a.attach();
        return a;
    }

    private static Supplier<CompletionStage<Resource>> answer(Resource r) {
        return () -> CompletableFuture.completedFuture(r);
    }

    private static Supplier<CompletionStage<Resource>> failWith(Throwable t) {
        return () -> LwM2mObject.failed(t);
    }

    @Before
    public void setUp() {
        object = new TestObject(0);
        object.resources = Set.of(1, 2, 3, 4, 5, 6, 8, 99); // 99 is not in the model
        object.reads.put(1, answer(Resource.of(1, Value.of(21.5))));
        object.reads.put(2, answer(Resource.of(2, Value.of(20.0))));
        object.reads.put(5, answer(Resource.ofInstances(5, ResourceType.STRING, Map.of(0, Value.of("a"), 1, Value.of("b")))));
        object.reads.put(6, failWith(LwM2mException.notFound("optional resource 6 is absent")));
        object.reads.put(8, answer(Resource.ofInstances(8, ResourceType.STRING, Map.of())));
        attachment = attach(MODEL, object, sink);
    }

    @After
    public void tearDown() {
        calls.close();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static <T> T value(Supplier<CompletionStage<T>> operation) throws Exception {
        return operation.get().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** The failure of an operation, whether it throws at once or fails its stage (bounded wait). */
    private static LwM2mException failure(Supplier<? extends CompletionStage<?>> operation) throws Exception {
        CompletionStage<?> stage;
        try {
            stage = operation.get();
        } catch (LwM2mException e) {
            return e;
        }
        try {
            Object v = stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
            fail("the operation did not fail but answered " + v);
        } catch (ExecutionException e) {
            return LwM2mException.from(e, "operation");
        }
        throw new AssertionError("unreachable");
    }

    private static void assertCode(ResponseCode expected, LwM2mException e) {
        assertEquals(e.toString(), expected, e.code());
    }

    private static LwM2mPath path(int... ids) {
        return LwM2mPath.parse("/" + OBJECT + "/" + java.util.Arrays.stream(ids).mapToObj(Integer::toString)
                .reduce((a, b) -> a + "/" + b).orElse(""));
    }

    // ---- read ------------------------------------------------------------------------------

    @Test
    public void readsAResource() throws Exception {
        assertEquals(Resource.of(1, Value.of(21.5)), value(() -> ops.readResource(attachment, path(0, 1))));
    }

    @Test
    public void readOfUnknownResourceIsNotFound() throws Exception {
        LwM2mException e = failure(() -> ops.readResource(attachment, path(0, 99)));
        assertCode(ResponseCode.NOT_FOUND, e);
        assertTrue(e.getMessage(), e.getMessage().contains("has no resource 99"));
    }

    @Test
    public void readOfUnknownInstanceIsNotFound() throws Exception {
        assertCode(ResponseCode.NOT_FOUND, failure(() -> ops.readResource(attachment, path(3, 1))));
    }

    @Test
    public void readOfResourceTheInstanceDoesNotImplementIsNotFound() throws Exception {
        LwM2mException e = failure(() -> ops.readResource(attachment, path(0, 7)));
        assertCode(ResponseCode.NOT_FOUND, e);
        assertTrue(e.getMessage(), e.getMessage().contains("not implemented"));
    }

    @Test
    public void readOfWriteOnlyResourceIsNotAllowed() throws Exception {
        object.reads.put(3, answer(Resource.of(3, Value.of("leaked"))));
        assertCode(ResponseCode.METHOD_NOT_ALLOWED, failure(() -> ops.readResource(attachment, path(0, 3))));
    }

    @Test
    public void readOfExecutableResourceIsNotAllowed() throws Exception {
        assertCode(ResponseCode.METHOD_NOT_ALLOWED, failure(() -> ops.readResource(attachment, path(0, 4))));
    }

    @Test
    public void readThatNeverCompletesIsServiceUnavailableAfterTheTimeout() throws Exception {
        object.reads.put(1, CompletableFuture::new);
        long start = System.nanoTime();
        LwM2mException e = failure(() -> ops.readResource(attachment, path(0, 1)));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertCode(ResponseCode.SERVICE_UNAVAILABLE, e);
        assertTrue(e.getMessage(), e.getMessage().contains("did not answer within " + TIMEOUT_MS + " ms"));
        assertTrue("answered after " + elapsedMs + " ms", elapsedMs >= TIMEOUT_MS - 20 && elapsedMs < 4000);
    }

    @Test
    public void synchronousRuntimeExceptionIsInternalServerError() throws Exception {
        object.reads.put(1, () -> {
            throw new IllegalStateException("driver crashed");
        });
        LwM2mException e = failure(() -> ops.readResource(attachment, path(0, 1)));
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR, e);
        assertTrue(e.getMessage(), e.getMessage().contains("read /9000/0/1"));
        assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof IllegalStateException);
    }

    @Test
    public void exceptionalCompletionWithOtherExceptionIsInternalServerError() throws Exception {
        object.reads.put(1, failWith(new IOException("meter unplugged")));
        LwM2mException e = failure(() -> ops.readResource(attachment, path(0, 1)));
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR, e);
        assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof IOException);
    }

    @Test
    public void nullStageIsInternalServerError() throws Exception {
        object.reads.put(1, () -> null);
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR, failure(() -> ops.readResource(attachment, path(0, 1))));
    }

    @Test
    public void objectsLwM2mExceptionsKeepTheirCode() throws Exception {
        object.reads.put(1, failWith(LwM2mException.notAcceptable("no")));
        assertCode(ResponseCode.NOT_ACCEPTABLE, failure(() -> ops.readResource(attachment, path(0, 1))));
        object.reads.put(1, () -> {
            throw LwM2mException.unauthorized("who are you");
        });
        LwM2mException e = failure(() -> ops.readResource(attachment, path(0, 1)));
        assertCode(ResponseCode.UNAUTHORIZED, e);
        assertEquals("who are you", e.getMessage());
    }

    @Test
    public void wronglyTypedAnswerIsInternalServerError() throws Exception {
        object.reads.put(1, answer(Resource.of(1, Value.of(21L))));
        LwM2mException e = failure(() -> ops.readResource(attachment, path(0, 1)));
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR, e);
        assertTrue(e.getMessage(), e.getMessage().contains("does not fit its model"));
    }

    @Test
    public void answerForAnotherResourceOrMultiplicityIsInternalServerError() throws Exception {
        object.reads.put(1, answer(Resource.of(2, Value.of(21.5))));
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR, failure(() -> ops.readResource(attachment, path(0, 1))));
        object.reads.put(1, answer(Resource.ofInstances(1, ResourceType.FLOAT, Map.of(0, Value.of(21.5)))));
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR, failure(() -> ops.readResource(attachment, path(0, 1))));
        object.reads.put(5, answer(Resource.of(5, Value.of("a"))));
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR, failure(() -> ops.readResource(attachment, path(0, 5))));
        object.reads.put(1, answer(null));
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR, failure(() -> ops.readResource(attachment, path(0, 1))));
    }

    @Test
    public void readOfResourceInstanceReturnsOnlyThatInstance() throws Exception {
        Resource r = value(() -> ops.readResource(attachment, path(0, 5, 1)));
        assertEquals(Resource.ofInstances(5, ResourceType.STRING, Map.of(1, Value.of("b"))), r);
    }

    @Test
    public void readOfMissingResourceInstanceIsNotFound() throws Exception {
        assertCode(ResponseCode.NOT_FOUND, failure(() -> ops.readResource(attachment, path(0, 5, 7))));
        LwM2mException e = failure(() -> ops.readResource(attachment, path(0, 1, 0)));
        assertCode(ResponseCode.NOT_FOUND, e);
        assertTrue(e.getMessage(), e.getMessage().contains("not a multi-instance resource"));
    }

    // ---- readInstance / readObject ---------------------------------------------------------

    @Test
    public void readInstanceReadsReadableResourcesAndSkipsAbsentOnes() throws Exception {
        InstanceContent c = value(() -> ops.readInstance(attachment, 0));
        assertEquals(0, c.id());
        // 3 is W, 4 is E, 6 answers 4.04, 7 is not implemented, 99 is not in the model
        assertEquals(Set.of(1, 2, 5, 8), c.resources().keySet());
        assertEquals(Resource.of(1, Value.of(21.5)), c.resources().get(1));
    }

    @Test
    public void readInstanceFailsWhenAResourceFailsOtherwise() throws Exception {
        object.reads.put(6, failWith(LwM2mException.unavailable("meter busy")));
        LwM2mException e = failure(() -> ops.readInstance(attachment, 0));
        assertCode(ResponseCode.SERVICE_UNAVAILABLE, e);
        assertEquals("meter busy", e.getMessage());
        object.reads.put(6, failWith(new IllegalStateException("bug")));
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR, failure(() -> ops.readInstance(attachment, 0)));
        object.reads.put(6, answer(Resource.of(6, Value.of("not an integer"))));
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR, failure(() -> ops.readInstance(attachment, 0)));
    }

    @Test
    public void readInstanceAnswersAFailureAtOnceWhileAnotherResourceHangs() throws Exception {
        CompletableFuture<Resource> never = new CompletableFuture<>();
        object.reads.put(1, () -> never);
        object.reads.put(6, failWith(new IllegalStateException("bug")));
        // the failure, not the timeout of the hanging resource (which would be 5.03)
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR, failure(() -> ops.readInstance(attachment, 0)));
        object.reads.remove(6);
        assertCode(ResponseCode.SERVICE_UNAVAILABLE, failure(() -> ops.readInstance(attachment, 0)));
    }

    @Test
    public void readInstanceOfUnknownInstanceIsNotFound() throws Exception {
        assertCode(ResponseCode.NOT_FOUND, failure(() -> ops.readInstance(attachment, 4)));
    }

    @Test
    public void readObjectReadsEveryInstance() throws Exception {
        object.instances.add(3);
        attachment.instancesChanged();
        List<InstanceContent> all = value(() -> ops.readObject(attachment));
        assertEquals(List.of(0, 3), all.stream().map(InstanceContent::id).toList());
        assertEquals(Set.of(1, 2, 5, 8), all.get(1).resources().keySet());
    }

    // ---- write -----------------------------------------------------------------------------

    @Test
    public void writeReachesTheObject() throws Exception {
        List<Resource> resources = List.of(Resource.of(2, Value.of(22.5)), Resource.of(3, Value.of("pw")));
        value(() -> ops.write(attachment, 0, resources, WriteMode.UPDATE));
        assertEquals(List.of(new TestObject.Write(0, resources, WriteMode.UPDATE)), object.writes);
    }

    @Test
    public void writeOfReadOnlyResourceIsNotAllowed() throws Exception {
        LwM2mException e = failure(() -> ops.write(attachment, 0,
                List.of(Resource.of(2, Value.of(22.5)), Resource.of(1, Value.of(1.0))), WriteMode.REPLACE));
        assertCode(ResponseCode.METHOD_NOT_ALLOWED, e);
        assertTrue(e.getMessage(), e.getMessage().contains("/9000/0/1 is not writable"));
        assertEquals("nothing is written", List.of(), object.writes);
        assertCode(ResponseCode.METHOD_NOT_ALLOWED, failure(() -> ops.write(attachment, 0,
                List.of(Resource.of(4, Value.of("x"))), WriteMode.REPLACE)));
    }

    @Test
    public void writeWithWrongTypeIsBadRequest() throws Exception {
        LwM2mException e = failure(() -> ops.write(attachment, 0, List.of(Resource.of(2, Value.of("warm"))), WriteMode.REPLACE));
        assertCode(ResponseCode.BAD_REQUEST, e);
        assertTrue(e.getMessage(), e.getMessage().contains("/9000/0/2 is FLOAT"));
        assertCode(ResponseCode.BAD_REQUEST, failure(() -> ops.write(attachment, 0,
                List.of(Resource.of(2, Value.of(22L))), WriteMode.REPLACE)));
        assertEquals(List.of(), object.writes);
    }

    @Test
    public void writeWithWrongMultiplicityIsBadRequest() throws Exception {
        assertCode(ResponseCode.BAD_REQUEST, failure(() -> ops.write(attachment, 0,
                List.of(Resource.of(8, Value.of("x"))), WriteMode.REPLACE)));
        assertCode(ResponseCode.BAD_REQUEST, failure(() -> ops.write(attachment, 0,
                List.of(Resource.ofInstances(2, ResourceType.FLOAT, Map.of(0, Value.of(1.0)))), WriteMode.REPLACE)));
        assertEquals(List.of(), object.writes);
    }

    @Test
    public void writeToUnknownInstanceOrResourceIsNotFound() throws Exception {
        assertCode(ResponseCode.NOT_FOUND, failure(() -> ops.write(attachment, 5,
                List.of(Resource.of(2, Value.of(1.0))), WriteMode.REPLACE)));
        assertCode(ResponseCode.NOT_FOUND, failure(() -> ops.write(attachment, 0,
                List.of(Resource.of(42, Value.of(1.0))), WriteMode.REPLACE)));
    }

    // ---- execute ---------------------------------------------------------------------------

    @Test
    public void executeReachesTheObject() throws Exception {
        ExecuteArguments args = ExecuteArguments.parse("0='now'");
        value(() -> ops.execute(attachment, path(0, 4), args));
        assertEquals(List.of(new TestObject.Execute(0, 4, args)), object.executes);
    }

    @Test
    public void executeOfNonExecutableIsNotAllowed() throws Exception {
        LwM2mException e = failure(() -> ops.execute(attachment, path(0, 2), ExecuteArguments.NONE));
        assertCode(ResponseCode.METHOD_NOT_ALLOWED, e);
        assertTrue(e.getMessage(), e.getMessage().contains("not executable"));
        assertCode(ResponseCode.METHOD_NOT_ALLOWED, failure(() -> ops.execute(attachment, path(0, 1), ExecuteArguments.NONE)));
        assertEquals(List.of(), object.executes);
    }

    @Test
    public void executeOfUnimplementedResourceIsNotFound() throws Exception {
        object.resources = Set.of(1, 2);
        assertCode(ResponseCode.NOT_FOUND, failure(() -> ops.execute(attachment, path(0, 4), ExecuteArguments.NONE)));
        assertEquals(List.of(), object.executes);
    }

    // ---- create / delete -------------------------------------------------------------------

    @Test
    public void createOnSingleInstanceObjectWithAnInstanceIsBadRequest() throws Exception {
        ObjectModel single = ObjectModel.of(9001, "Single", "1.0", false, false, MODEL.resources().values());
        TestObject o = new TestObject(0);
        Attachment a = attach(single, o, sink);
        LwM2mException e = failure(() -> ops.create(a, null, List.of()));
        assertCode(ResponseCode.BAD_REQUEST, e);
        assertTrue(e.getMessage(), e.getMessage().contains("single-instance"));
        assertCode(ResponseCode.BAD_REQUEST, failure(() -> ops.create(a, 1, List.of())));
        assertEquals(Set.of(0), o.instances);
    }

    @Test
    public void createOnEmptySingleInstanceObjectWorks() throws Exception {
        ObjectModel single = ObjectModel.of(9001, "Single", "1.0", false, false, MODEL.resources().values());
        TestObject o = new TestObject();
        Attachment a = attach(single, o, sink);
        assertEquals(Integer.valueOf(0), value(() -> ops.create(a, null, List.of())));
        assertEquals(Set.of(0), a.instances());
    }

    @Test
    public void createOfExistingInstanceIsBadRequest() throws Exception {
        LwM2mException e = failure(() -> ops.create(attachment, 0, List.of()));
        assertCode(ResponseCode.BAD_REQUEST, e);
        assertTrue(e.getMessage(), e.getMessage().contains("/9000/0 already exists"));
    }

    @Test
    public void createWithWrongTypeIsBadRequest() throws Exception {
        assertCode(ResponseCode.BAD_REQUEST, failure(() -> ops.create(attachment, 1, List.of(Resource.of(2, Value.of("x"))))));
        assertEquals(Set.of(0), object.instances);
    }

    @Test
    public void createReportsTheNewInstanceEvenIfTheObjectDoesNot() throws Exception {
        assertEquals(Integer.valueOf(4), value(() -> ops.create(attachment, 4, List.of(Resource.of(2, Value.of(1.0))))));
        assertEquals(Set.of(0, 4), attachment.instances());
        assertEquals(List.of("instances gw/9000 +[4] -[]"), sink.events);
    }

    @Test
    public void deleteReportsTheRemovedInstance() throws Exception {
        value(() -> ops.delete(attachment, 0));
        assertEquals(List.of(0), object.deletes);
        assertEquals(Set.of(), attachment.instances());
        assertEquals(List.of("instances gw/9000 +[] -[0]"), sink.events);
        assertCode(ResponseCode.NOT_FOUND, failure(() -> ops.delete(attachment, 0)));
    }

    @Test
    public void defaultOperationsOfAnObjectAreNotAllowed() throws Exception {
        LwM2mObject readOnly = new LwM2mObject() {
            @Override
            public java.util.SortedSet<Integer> instanceIds() {
                return new java.util.TreeSet<>(Set.of(0));
            }

            @Override
            public Set<Integer> resourceIds(int instanceId) {
                return Set.of(2, 4);
            }

            @Override
            public CompletionStage<Resource> read(int instanceId, int resourceId) {
                return CompletableFuture.completedFuture(Resource.of(2, Value.of(1.0)));
            }

            @Override
            public void setListener(io.lightgate.api.object.ObjectListener listener) {
            }
        };
        Attachment a = new Attachment("gw", new Contribution(2, 0, OBJECT, null, readOnly, "ro"), MODEL, sink);
        a.attach();
        assertCode(ResponseCode.METHOD_NOT_ALLOWED, failure(() -> ops.write(a, 0, List.of(Resource.of(2, Value.of(1.0))), WriteMode.REPLACE)));
        assertCode(ResponseCode.METHOD_NOT_ALLOWED, failure(() -> ops.execute(a, path(0, 4), ExecuteArguments.NONE)));
        assertCode(ResponseCode.METHOD_NOT_ALLOWED, failure(() -> ops.create(a, 1, List.of())));
        assertCode(ResponseCode.METHOD_NOT_ALLOWED, failure(() -> ops.delete(a, 0)));
        assertSame(MODEL, a.model);
    }
}
