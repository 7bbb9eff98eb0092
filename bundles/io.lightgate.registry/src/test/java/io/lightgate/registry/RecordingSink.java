/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link Attachment.Sink} that records every report as a line of text. */
final class RecordingSink implements Attachment.Sink {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void instancesChanged(Attachment source, Set<Integer> added, Set<Integer> removed) {
        events.add("instances " + source.endpoint + "/" + source.objectId() + " +" + added + " -" + removed);
    }

    @Override
    public void valuesChanged(Attachment source, List<LwM2mPath> paths, Map<LwM2mPath, Resource> values, Instant at) {
        events.add("values " + source.endpoint + " " + paths + (values.isEmpty() ? "" : " = " + new TreeMap<>(values).values()));
    }

    @Override
    public void sendRequested(Attachment source, List<LwM2mPath> paths) {
        events.add("send " + source.endpoint + " " + paths);
    }
}
