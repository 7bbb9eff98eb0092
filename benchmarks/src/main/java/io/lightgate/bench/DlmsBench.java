/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import gurux.dlms.GXByteBuffer;
import gurux.dlms.GXDLMSClient;
import gurux.dlms.GXReplyData;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSRegister;
import io.lightgate.adapter.dlms.client.ClientSettings;
import io.lightgate.adapter.dlms.client.TransportKind;
import io.lightgate.adapter.dlms.protocol.ObisCode;
import io.lightgate.simulator.dlms.DlmsServer;
import io.lightgate.simulator.dlms.ServerOptions;
import io.lightgate.simulator.dlms.SimulatedMeter;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Meters per gateway: N simulated meters (the project's DLMS simulator, WRAPPER on loopback, in
 * this JVM) polled every P seconds by the DLMS adapter's meter logic (shared scheduler, bounded
 * I/O pool of 8 threads, one association per meter kept open), against a baseline measured in
 * the same run: one thread per meter polling the same registers with the Gurux DLMS client (GPL;
 * the benchmarks are never shipped). Reported per side: CPU time of its own threads, its threads,
 * heap per meter, and the latency from the start of a poll to the moment its values are decoded
 * and handed on (for the adapter: the change event the registry receives, which the engine turns
 * into notifications; CoAP and the LwM2M server are not part of this figure).
 *
 * <p>Lives in the adapter's package (a split package on this plain classpath) to drive its
 * package-private {@link Meter} exactly as {@link MeterComponent} does, without OSGi.
 */
public final class DlmsBench {

    private static final List<ObisCode> REGISTERS = List.of(
            ObisCode.parse("1.0.32.7.0.255"), ObisCode.parse("1.0.52.7.0.255"), ObisCode.parse("1.0.72.7.0.255"),
            ObisCode.parse("1.0.31.7.0.255"), ObisCode.parse("1.0.51.7.0.255"), ObisCode.parse("1.0.71.7.0.255"),
            ObisCode.parse("1.0.1.7.0.255"), ObisCode.parse("1.0.2.7.0.255"), ObisCode.parse("1.0.13.7.0.255"),
            ObisCode.parse("1.0.1.8.0.255"), ObisCode.parse("1.0.14.7.0.255"));

    private record Figures(String side, double cpuMillis, int threads, double heapKiBPerMeter, List<Long> latenciesNanos,
            int failures) {
    }

    /** Held so the level sticks: "meter answers" once per meter is noise here. */
    private static final java.util.logging.Logger ADAPTER_LOG = java.util.logging.Logger.getLogger("io.lightgate.adapter.dlms");

    public static void main(String[] args) throws Exception {
        ADAPTER_LOG.setLevel(java.util.logging.Level.WARNING);
        int meters = Integer.getInteger("bench.meters", 100);
        int pollSeconds = Integer.getInteger("bench.poll.seconds", 10);
        int measureSeconds = Integer.getInteger("bench.measure.seconds", 60);
        System.out.printf("# DLMS benchmark: %d simulated meters, poll every %d s, %d s measured per side%n",
                meters, pollSeconds, measureSeconds);
        List<DlmsServer> simulators = new ArrayList<>();
        for (int i = 0; i < meters; i++) {
            SimulatedMeter m = new SimulatedMeter("BENCH-" + i, Clock.systemUTC()::instant, i, 8.0, Duration.ofMinutes(15), 96);
            simulators.add(new DlmsServer(m, new ServerOptions(TransportKind.WRAPPER, 1,
                    io.lightgate.adapter.dlms.protocol.Authentication.NONE, null, 1024, 128, 2), InetAddress.getLoopbackAddress(), 0));
        }
        try {
            // warm-up: both sides briefly, not reported
            adapter(simulators.subList(0, Math.min(10, meters)), 1, 3);
            gurux(simulators.subList(0, Math.min(10, meters)), 1, 3);
            Figures a = adapter(simulators, pollSeconds, measureSeconds);
            Figures g = gurux(simulators, pollSeconds, measureSeconds);
            report(meters, pollSeconds, measureSeconds, List.of(a, g));
        } finally {
            simulators.forEach(DlmsServer::close);
        }
    }

    private static Figures adapter(List<DlmsServer> simulators, int pollSeconds, int measureSeconds) throws Exception {
        Snapshot before = Snapshot.take(ADAPTER);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(named("lightgate-dlms-scheduler"));
        java.util.concurrent.ThreadPoolExecutor io = new java.util.concurrent.ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(10_000), named("lightgate-dlms-io"));
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        int[] failures = new int[1];
        List<Meter> list = new ArrayList<>();
        List<MappedResource> mapping = Mapping.resolve(3, false, new String[] {"10242/0=", "10242/2="});
        for (DlmsServer sim : simulators) {
            ClientSettings s = ClientSettings.of("127.0.0.1", sim.port(), TransportKind.WRAPPER)
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));
            list.add(new Meter("bench-" + sim.port(), s, mapping, null, 0, Duration.ofSeconds(pollSeconds), io,
                    Clock.systemUTC(), changed -> { }));
        }
        // first poll of every meter (association, object list, scalers), then the steady state
        for (Meter m : list) {
            m.poll().get(10, TimeUnit.SECONDS);
        }
        long heapAfter = usedHeapAfterGc();
        long cpuStart = cpu(ADAPTER);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(measureSeconds);
        for (Meter m : list) {
            long phase = ThreadLocalRandom.current().nextLong(pollSeconds * 1000L);
            scheduler.scheduleAtFixedRate(() -> {
                if (System.nanoTime() > end) {
                    return;
                }
                long t0 = System.nanoTime();
                m.poll().whenComplete((state, e) -> {
                    if (e == null) {
                        latencies.add(System.nanoTime() - t0);
                    } else {
                        synchronized (failures) {
                            failures[0]++;
                        }
                    }
                });
            }, phase, pollSeconds * 1000L, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(measureSeconds) + 3000); // the last polls complete
        long cpu = cpu(ADAPTER) - cpuStart;
        int threads = Snapshot.take(ADAPTER).threads - before.threads;
        scheduler.shutdownNow();
        list.forEach(Meter::close);
        io.shutdown();
        io.awaitTermination(10, TimeUnit.SECONDS);
        return new Figures("Lightgate adapter (shared scheduler + 8 I/O threads)", cpu / 1e6, threads,
                (heapAfter - before.heap) / 1024.0 / simulators.size(), new ArrayList<>(latencies), failures[0]);
    }

    private static Figures gurux(List<DlmsServer> simulators, int pollSeconds, int measureSeconds) throws Exception {
        Snapshot before = Snapshot.take(BASELINE);
        List<GuruxPoller> pollers = new ArrayList<>();
        for (DlmsServer sim : simulators) {
            pollers.add(new GuruxPoller(sim.port()));
        }
        long heapAfter = usedHeapAfterGc();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        int[] failures = new int[1];
        long cpuStart = cpu(BASELINE);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(measureSeconds);
        List<Thread> threads = new ArrayList<>();
        for (GuruxPoller p : pollers) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(pollSeconds * 1000L));
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            p.poll();
                            latencies.add(System.nanoTime() - t0);
                        } catch (Exception e) {
                            synchronized (failures) {
                                failures[0]++;
                            }
                        }
                        long next = t0 + TimeUnit.SECONDS.toNanos(pollSeconds);
                        Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "gurux-baseline-" + threads.size());
            threads.add(t);
            t.start();
        }
        // read while every poller thread is alive (they end after their last sleep past the end)
        Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        long cpu = cpu(BASELINE) - cpuStart;
        int threadCount = Snapshot.take(BASELINE).threads - before.threads;
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(pollSeconds + 10));
        }
        pollers.forEach(GuruxPoller::close);
        return new Figures("Baseline: Gurux client, one thread per meter", cpu / 1e6, threadCount,
                (heapAfter - before.heap) / 1024.0 / simulators.size(), new ArrayList<>(latencies), failures[0]);
    }

    /** One association with the Gurux client; poll() reads the same registers (values, scalers cached after the first). */
    private static final class GuruxPoller {
        private final GXDLMSClient client = new GXDLMSClient(true, 16, 1, Authentication.NONE, null, InterfaceType.WRAPPER);
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final List<Map.Entry<GXDLMSObject, Integer>> values = new ArrayList<>();

        GuruxPoller(int port) throws Exception {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(3000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            GXReplyData r = new GXReplyData();
            exchange(client.aarqRequest(), r);
            client.parseAareResponse(r.getData());
            List<Map.Entry<GXDLMSObject, Integer>> scalers = new ArrayList<>();
            for (ObisCode o : REGISTERS) {
                GXDLMSRegister reg = new GXDLMSRegister(o.toString());
                scalers.add(new AbstractMap.SimpleEntry<>(reg, 3));
                values.add(new AbstractMap.SimpleEntry<>(reg, 2));
            }
            read(scalers);
        }

        void poll() throws Exception {
            read(values);
        }

        /** GET-with-list; Gurux splits long lists into several requests, each answering a part. */
        private void read(List<Map.Entry<GXDLMSObject, Integer>> list) throws Exception {
            List<Object> all = new ArrayList<>();
            for (byte[] request : client.readList(list)) {
                GXReplyData r = new GXReplyData();
                exchange(new byte[][] {request}, r);
                all.addAll((List<?>) r.getValue());
            }
            client.updateValues(list, all);
        }

        private void exchange(byte[][] requests, GXReplyData reply) throws Exception {
            for (byte[] request : requests) {
                reply.clear();
                out.write(request);
                out.flush();
                GXByteBuffer buffer = new GXByteBuffer();
                byte[] chunk = new byte[4096];
                int rounds = 0;
                while (!client.getData(buffer, reply, new GXReplyData())) {
                    int n = in.read(chunk);
                    if (n < 0 || ++rounds > 10_000) {
                        throw new java.io.EOFException("simulator closed the connection");
                    }
                    buffer.set(chunk, 0, n);
                }
                for (int i = 0; reply.isMoreData() && i < 10_000; i++) {
                    out.write(client.receiverReady(reply));
                    out.flush();
                    while (!client.getData(buffer, reply, new GXReplyData())) {
                        int n = in.read(chunk);
                        if (n < 0) {
                            throw new java.io.EOFException("simulator closed the connection");
                        }
                        buffer.set(chunk, 0, n);
                    }
                }
            }
        }

        void close() {
            try {
                socket.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
    }

    /** The adapter's threads (the simulators' are lightgate-dlms-sim-*). */
    private static final java.util.function.Predicate<String> ADAPTER =
            n -> n.startsWith("lightgate-dlms-io") || n.startsWith("lightgate-dlms-scheduler");
    private static final java.util.function.Predicate<String> BASELINE = n -> n.startsWith("gurux-baseline-");

    private record Snapshot(int threads, long heap) {
        static Snapshot take(java.util.function.Predicate<String> mine) throws InterruptedException {
            int n = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (mine.test(t.getName())) {
                    n++;
                }
            }
            return new Snapshot(n, usedHeapAfterGc());
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** CPU time of the live threads whose names match. */
    private static long cpu(java.util.function.Predicate<String> mine) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : mx.dumpAllThreads(false, false)) {
            if (mine.test(info.getThreadName())) {
                long t = mx.getThreadCpuTime(info.getThreadId());
                sum += Math.max(0, t);
            }
        }
        return sum;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static void report(int meters, int pollSeconds, int measureSeconds, List<Figures> all) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%n%d meters, poll every %d s, %d s measured (Java %s, %d CPUs)%n%n", meters, pollSeconds,
                measureSeconds, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        b.append("| side | polls | failed | poll latency p50 / p99 (ms) | CPU of its threads (ms per meter per poll) | threads | heap per meter (KiB) |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (Figures f : all) {
            List<Long> sorted = new ArrayList<>(f.latenciesNanos());
            sorted.sort(null);
            int polls = sorted.size();
            b.append(String.format("| %s | %d | %d | %.2f / %.2f | %.3f | %d | %.1f |%n", f.side(), polls, f.failures(),
                    percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6,
                    polls == 0 ? 0 : f.cpuMillis() / polls, f.threads(), f.heapKiBPerMeter()));
        }
        System.out.println(b);
    }

    private DlmsBench() {
    }
}
