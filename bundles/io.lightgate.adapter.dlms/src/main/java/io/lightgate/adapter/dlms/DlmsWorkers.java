/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads every meter shares: one scheduler that starts polls, and a bounded pool for the
 * blocking exchanges with meters (each bounded by its socket timeouts). Meters cost sockets,
 * not threads; a silent meter holds one pool thread for at most its response timeout.
 */
@Component(service = DlmsWorkers.class, configurationPid = DlmsWorkers.PID)
@Designate(ocd = DlmsWorkers.Config.class)
public final class DlmsWorkers {

    public static final String PID = "io.lightgate.adapter.dlms";

    private static final Logger LOG = LoggerFactory.getLogger(DlmsWorkers.class);

    /** Settings shared by every meter. */
    @ObjectClassDefinition(name = "Lightgate DLMS adapter threads")
    public @interface Config {
        @AttributeDefinition(name = "I/O threads", description = "Meter exchanges that may block at the same time.")
        int io_threads() default 8;

        @AttributeDefinition(name = "Queued exchanges", description = "Polls and reads waiting for a thread; more answer 5.03.")
        int io_queue() default 10_000;
    }

    private final ScheduledExecutorService scheduler;
    private final ExecutorService io;

    @Activate
    public DlmsWorkers(Config config) {
        int threads = Math.max(1, config.io_threads());
        scheduler = Executors.newSingleThreadScheduledExecutor(named("lightgate-dlms-scheduler"));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(Math.max(1, config.io_queue())), named("lightgate-dlms-io"));
        pool.allowCoreThreadTimeOut(true);
        io = pool;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    ScheduledExecutorService scheduler() { return scheduler; }

    ExecutorService io() { return io; }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        io.shutdownNow();
        try {
            if (!io.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("DLMS I/O threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
