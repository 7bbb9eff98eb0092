/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.time.Instant;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An object instance whose resources are backed by plain Java code: suppliers for reads,
 * consumers for writes, actions for executes. Build one with {@link #builder(int)}:
 *
 * <pre>{@code
 * SimpleInstance device = SimpleInstance.builder(0)
 *     .string(0, () -> manufacturer)
 *     .integer(21, () -> Runtime.getRuntime().totalMemory() / 1024)
 *     .executable(4, args -> reboot())
 *     .build();
 * }</pre>
 *
 * A consumer that throws {@link IllegalArgumentException} makes the write answer 4.00.
 */
public final class SimpleInstance {

    /** An execute action. */
    @FunctionalInterface
    public interface Action {
        void execute(ExecuteArguments arguments) throws Exception;
    }

    /** How a handler's reader gives its value: the user's own supplier is kept, not a wrapper around it. */
    private enum Source {
        NONE, VALUE, STRING, LONG, DOUBLE, BOOLEAN, TIME, INSTANCES, LATER
    }

    /**
     * One resource: {@code reader} is the supplier the builder was given, of the kind {@code source}
     * names; {@code writer} a {@code Consumer<Value>} (single) or {@code Consumer<Map<Integer, Value>>}
     * (multiple). A gateway holds tens of thousands of these (about 26 per virtual endpoint), so
     * no lambdas are wrapped around the user's: two of them cost about 1 KiB per endpoint.
     */
    private record Handler(ResourceType type, Source source, @Nullable Object reader, @Nullable Consumer<?> writer,
            @Nullable Action action) {

        boolean multiple() {
            return source == Source.INSTANCES;
        }

        /** Whether the reader answers at once (a supplier), not later (a remote device). */
        boolean immediate() {
            return source != Source.LATER && source != Source.NONE;
        }

        @SuppressWarnings("unchecked") // the builder pairs each source with its supplier type
        CompletionStage<Resource> read(int resourceId) {
            Object r = reader;
            return switch (source) {
                case LATER -> ((Supplier<CompletionStage<Value>>) r).get().thenApply(v -> Resource.of(resourceId, v));
                case INSTANCES -> CompletableFuture.completedFuture(
                        Resource.ofInstances(resourceId, type, ((Supplier<Map<Integer, Value>>) r).get()));
                case VALUE -> done(resourceId, ((Supplier<Value>) r).get());
                case STRING -> done(resourceId, Value.of(((Supplier<String>) r).get()));
                case LONG -> done(resourceId, Value.of(((LongSupplier) r).getAsLong()));
                case DOUBLE -> done(resourceId, Value.of(((DoubleSupplier) r).getAsDouble()));
                case BOOLEAN -> done(resourceId, Value.of(((BooleanSupplier) r).getAsBoolean()));
                case TIME -> done(resourceId, Value.ofTime(((Supplier<Instant>) r).get()));
                case NONE -> throw new IllegalStateException("resource " + resourceId + " has no reader");
            };
        }

        @SuppressWarnings("unchecked")
        void write(Resource r) {
            if (multiple()) {
                ((Consumer<Map<Integer, Value>>) writer).accept(r.instances());
            } else {
                ((Consumer<Value>) writer).accept(r.value());
            }
        }

        private static CompletionStage<Resource> done(int resourceId, Value value) {
            return CompletableFuture.completedFuture(Resource.of(resourceId, value));
        }
    }

    private final int id;
    // resource ids in ascending order and their handlers at the same index: a gateway holds thousands
    // of instances (four per virtual endpoint), for which a TreeMap cost 40 bytes per resource more
    private final int[] ids;
    private final Handler[] handlers;
    private final Set<Integer> idSet;
    private final boolean readsAtOnce;

    private SimpleInstance(int id, SortedMap<Integer, Handler> handlers, boolean declaredAtOnce) {
        this.id = id;
        this.ids = handlers.keySet().stream().mapToInt(Integer::intValue).toArray();
        this.handlers = handlers.values().toArray(Handler[]::new);
        this.idSet = new ResourceIds(ids);
        this.readsAtOnce = declaredAtOnce && handlers.values().stream().noneMatch(h -> h.source() == Source.LATER);
    }

    private Handler handler(int resourceId) {
        int i = Arrays.binarySearch(ids, resourceId);
        return i < 0 ? null : handlers[i];
    }

    /** The resource ids as an unmodifiable set, ascending, over the array (no boxed copy kept). */
    private static final class ResourceIds extends AbstractSet<Integer> {
        private final int[] ids;

        ResourceIds(int[] ids) {
            this.ids = ids;
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof Integer i && Arrays.binarySearch(ids, i) >= 0;
        }

        @Override
        public int size() {
            return ids.length;
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < ids.length;
                }

                @Override
                public Integer next() {
                    if (next >= ids.length) {
                        throw new NoSuchElementException();
                    }
                    return ids[next++];
                }
            };
        }
    }

    public static Builder builder(int id) {
        return new Builder(id);
    }

    public int id() { return id; }

    /** The ids of all resources this instance implements. */
    public Set<Integer> resourceIds() { return idSet; }

    /**
     * Whether its reads answer at once: built with {@link Builder#readsAtOnce()} and without a
     * {@link Builder#readableAsync} resource.
     *
     * @since 1.4
     */
    public boolean readsAtOnce() { return readsAtOnce; }

    /** Reads a resource. */
    public CompletionStage<Resource> read(int resourceId) {
        Handler h = handler(resourceId);
        if (h == null) {
            return LwM2mObject.failed(LwM2mException.notFound("resource " + resourceId + " is not implemented by instance " + id));
        }
        if (h.reader == null) {
            return LwM2mObject.failed(LwM2mException.notAllowed("resource " + resourceId + " is not readable"));
        }
        try {
            return h.read(resourceId);
        } catch (RuntimeException e) {
            return LwM2mObject.failed(e);
        }
    }

    /**
     * The resource's value now when its reader answers at once and without failure; null for an
     * asynchronous reader (it is not started here), an unreadable resource or a failing supplier.
     */
    Resource currentValue(int resourceId) {
        Handler h = handler(resourceId);
        if (h == null || h.reader == null || !h.immediate()) {
            return null;
        }
        try {
            CompletableFuture<Resource> read = h.read(resourceId).toCompletableFuture();
            return read.isDone() && !read.isCompletedExceptionally() ? read.join() : null;
        } catch (RuntimeException e) {
            return null; // the read that follows the change reports it
        }
    }

    /** Writes resources; see {@link LwM2mObject#write}. */
    public CompletionStage<Void> write(List<Resource> resources, WriteMode mode) {
        for (Resource r : resources) {
            Handler h = handler(r.id());
            if (h == null) {
                return LwM2mObject.failed(LwM2mException.notFound("resource " + r.id() + " is not implemented by instance " + id));
            }
            if (h.writer == null) {
                return LwM2mObject.failed(LwM2mException.notAllowed("resource " + r.id() + " is not writable"));
            }
            if (r.isMultiple() != h.multiple()) {
                return LwM2mObject.failed(LwM2mException.badRequest("resource " + r.id() + " is " + (h.multiple() ? "multi" : "single") + "-instance"));
            }
        }
        try {
            for (Resource r : resources) {
                Handler h = handler(r.id());
                Resource toWrite = r;
                if (h.multiple() && mode == WriteMode.UPDATE && h.reader != null) {
                    // partial update of a multi-instance resource: merge with what is there
                    Resource current = h.read(r.id()).toCompletableFuture().join();
                    SortedMap<Integer, Value> merged = new TreeMap<>(current.instances());
                    merged.putAll(r.instances());
                    toWrite = Resource.ofInstances(r.id(), h.type, merged);
                }
                h.write(toWrite);
            }
            return CompletableFuture.completedFuture(null);
        } catch (IllegalArgumentException e) {
            return LwM2mObject.failed(LwM2mException.badRequest(e.getMessage()));
        } catch (RuntimeException e) {
            return LwM2mObject.failed(e);
        }
    }

    /** Executes a resource. */
    public CompletionStage<Void> execute(int resourceId, ExecuteArguments arguments) {
        Handler h = handler(resourceId);
        if (h == null) {
            return LwM2mObject.failed(LwM2mException.notFound("resource " + resourceId + " is not implemented by instance " + id));
        }
        if (h.action == null) {
            return LwM2mObject.failed(LwM2mException.notAllowed("resource " + resourceId + " is not executable"));
        }
        try {
            h.action.execute(arguments);
            return CompletableFuture.completedFuture(null);
        } catch (LwM2mException e) {
            return LwM2mObject.failed(e);
        } catch (IllegalArgumentException e) {
            return LwM2mObject.failed(LwM2mException.badRequest(e.getMessage()));
        } catch (Exception e) {
            return LwM2mObject.failed(LwM2mException.internal("execute of resource " + resourceId + " failed: " + e, e));
        }
    }

    /** Collects the resources of a {@link SimpleInstance}. */
    public static final class Builder {
        private final int id;
        private final SortedMap<Integer, Handler> handlers = new TreeMap<>();
        private boolean readsAtOnce;

        private Builder(int id) {
            this.id = id;
        }

        private Builder put(int resourceId, Handler handler) {
            if (handlers.putIfAbsent(resourceId, handler) != null) {
                throw new IllegalArgumentException("resource " + resourceId + " defined twice in instance " + id);
            }
            return this;
        }

        /** A read-only single resource. */
        public Builder readable(int resourceId, ResourceType type, Supplier<Value> reader) {
            return put(resourceId, new Handler(type, Source.VALUE, reader, null, null));
        }

        /** A read-write single resource. */
        public Builder writable(int resourceId, ResourceType type, @Nullable Supplier<Value> reader, Consumer<Value> writer) {
            return put(resourceId, new Handler(type, reader == null ? Source.NONE : Source.VALUE, reader, writer, null));
        }

        /** A read-only resource whose value arrives later (a remote device). */
        public Builder readableAsync(int resourceId, ResourceType type, Supplier<CompletionStage<Value>> reader) {
            return put(resourceId, new Handler(type, Source.LATER, reader, null, null));
        }

        /** A read-only multi-instance resource. */
        public Builder readableInstances(int resourceId, ResourceType type, Supplier<Map<Integer, Value>> reader) {
            return put(resourceId, new Handler(type, Source.INSTANCES, reader, null, null));
        }

        /** A read-write multi-instance resource; the writer receives the complete new set of instances. */
        public Builder writableInstances(int resourceId, ResourceType type, Supplier<Map<Integer, Value>> reader,
                Consumer<Map<Integer, Value>> writer) {
            return put(resourceId, new Handler(type, Source.INSTANCES, reader, writer, null));
        }

        /** An executable resource. */
        public Builder executable(int resourceId, Action action) {
            return put(resourceId, new Handler(ResourceType.NONE, Source.NONE, null, null, action));
        }

        public Builder string(int resourceId, Supplier<String> reader) {
            return put(resourceId, new Handler(ResourceType.STRING, Source.STRING, reader, null, null));
        }

        public Builder integer(int resourceId, LongSupplier reader) {
            return put(resourceId, new Handler(ResourceType.INTEGER, Source.LONG, reader, null, null));
        }

        public Builder floating(int resourceId, DoubleSupplier reader) {
            return put(resourceId, new Handler(ResourceType.FLOAT, Source.DOUBLE, reader, null, null));
        }

        public Builder bool(int resourceId, BooleanSupplier reader) {
            return put(resourceId, new Handler(ResourceType.BOOLEAN, Source.BOOLEAN, reader, null, null));
        }

        public Builder time(int resourceId, Supplier<Instant> reader) {
            return put(resourceId, new Handler(ResourceType.TIME, Source.TIME, reader, null, null));
        }

        /**
         * Declares that every reader given to this builder returns at once, from values in memory (no
         * I/O, no waiting for another thread): the registry may then read the instance on the
         * requesting thread, a Read's fastest path (see {@link LwM2mObject#readsAtOnce}). A
         * {@link #readableAsync} resource keeps the instance in its lane all the same.
         *
         * @since 1.4
         */
        public Builder readsAtOnce() {
            this.readsAtOnce = true;
            return this;
        }

        public SimpleInstance build() {
            return new SimpleInstance(id, handlers, readsAtOnce);
        }
    }
}
