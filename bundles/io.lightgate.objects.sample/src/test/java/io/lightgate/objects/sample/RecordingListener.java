/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.sample;

import io.lightgate.api.object.ObjectListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what an object reports, one entry per call, e.g. {@code 0:[5700, 5602]}. */
final class RecordingListener implements ObjectListener {

    private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void resourcesChanged(int instanceId, int... resourceIds) {
        events.add(instanceId + ":" + Arrays.toString(resourceIds));
    }

    @Override
    public void instancesChanged() {
        events.add("instances");
    }

    /** Everything recorded so far, removed from the record. */
    List<String> drain() {
        List<String> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    /** The next event, waiting up to {@code millis}; null when none came. */
    String next(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }
}
