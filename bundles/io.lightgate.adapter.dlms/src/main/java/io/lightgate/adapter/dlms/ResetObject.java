/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link SimpleObject} whose Execute of "Reset Cumulative energy" (5822) runs a meter's
 * Register reset asynchronously, so the engine thread never waits for the meter.
 */
final class ResetObject extends SimpleObject {

    static final int RESET = 5822;

    private final Map<Integer, Supplier<CompletionStage<Void>>> resets = new ConcurrentHashMap<>();

    /** Adds an instance with its reset action (null: none). */
    void add(SimpleInstance instance, Supplier<CompletionStage<Void>> reset) {
        if (reset != null) {
            resets.put(instance.id(), reset);
        }
        addInstance(instance);
    }

    @Override
    public CompletionStage<Void> execute(int instanceId, int resourceId, ExecuteArguments arguments) {
        Supplier<CompletionStage<Void>> reset = resets.get(instanceId);
        if (resourceId == RESET && reset != null) {
            return reset.get();
        }
        return super.execute(instanceId, resourceId, arguments);
    }
}
