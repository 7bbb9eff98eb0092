/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import io.lightgate.api.LwM2mPath;
import io.lightgate.server.api.ClientInfo;
import io.lightgate.server.api.LocalServer;
import io.lightgate.server.api.LocalServerException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Write or Execute applied to a resource of every instance of an object, on every
 * registered client that has the object (e.g. On/Off 5850 of every Light Control 3311). All
 * requests go out at once; the result lists every target with its outcome.
 */
final class GroupCommand {

    /** The outcome at one target path. */
    record Outcome(String endpoint, String path, boolean ok, String message) {
    }

    /** An operation on one target: (endpoint, path) -> completion. */
    interface Operation {
        CompletionStage<?> apply(String endpoint, LwM2mPath path);
    }

    private GroupCommand() {
    }

    /** The operation's completion; one that throws (e.g. a value that does not parse for this client) fails this target only. */
    private static CompletableFuture<?> start(Operation operation, String endpoint, LwM2mPath path) {
        try {
            return operation.apply(endpoint, path).toCompletableFuture();
        } catch (LocalServerException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static List<Outcome> run(LocalServer server, int objectId, int resourceId, Operation operation, long timeoutMs) {
        List<String[]> targets = new ArrayList<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (ClientInfo client : server.clients()) {
            for (int instance : client.instancesOf(objectId)) {
                LwM2mPath path = LwM2mPath.of(objectId, instance, resourceId);
                targets.add(new String[] { client.endpoint(), path.toString() });
                pending.add(start(operation, client.endpoint(), path));
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (int i = 0; i < targets.size(); i++) {
            String[] target = targets.get(i);
            try {
                pending.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                outcomes.add(new Outcome(target[0], target[1], true, "done"));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                outcomes.add(new Outcome(target[0], target[1], false, cause instanceof LocalServerException ? cause.getMessage() : String.valueOf(cause)));
            } catch (TimeoutException e) {
                outcomes.add(new Outcome(target[0], target[1], false, "no answer within " + timeoutMs + " ms"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(new Outcome(target[0], target[1], false, "interrupted"));
            }
        }
        return outcomes;
    }
}
