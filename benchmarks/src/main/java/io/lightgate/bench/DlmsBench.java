/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import gurux.dlms.GXByteBuffer;
import gurux.dlms.GXDLMSClient;
import gurux.dlms.GXReplyData;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSRegister;
import io.lightgate.dlms.client.ClientSettings;
import io.lightgate.dlms.client.CosemDateTime;
import io.lightgate.dlms.client.DlmsClient;
import io.lightgate.dlms.client.ObjectListEntry;
import io.lightgate.dlms.client.ScalerUnit;
import io.lightgate.dlms.client.TransportKind;
import io.lightgate.dlms.protocol.AttributeAddress;
import io.lightgate.dlms.protocol.Authentication;
import io.lightgate.dlms.protocol.DlmsProtocolException;
import io.lightgate.dlms.protocol.ObisCode;
import io.lightgate.dlms.protocol.XdlmsResponse;
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
 * this JVM) polled every P seconds through the DLMS protocol bundle's public client
 * ({@code io.lightgate.dlms.client}), the way the DLMS adapter polls a meter: a shared scheduler,
 * a bounded I/O pool of 8 threads, one association per meter kept open, scaler/unit read once,
 * one GET-with-list per poll (clock and registers), values scaled and compared with the previous
 * poll. The baseline is measured in the same run: one thread per meter polling the same
 * registers with the Gurux DLMS client (GPL; the benchmarks are never shipped). Reported per side:
 * CPU time of its own threads, its threads, heap per meter, and the latency from the start of a
 * poll to the moment its values are decoded (CoAP and the LwM2M server are not part of this figure).
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

    public static void main(String[] args) throws Exception {
        int meters = Integer.getInteger("bench.meters", 100);
        int pollSeconds = Integer.getInteger("bench.poll.seconds", 10);
        int measureSeconds = Integer.getInteger("bench.measure.seconds", 60);
        System.out.printf("# DLMS benchmark: %d simulated meters, poll every %d s, %d s measured per side%n",
                meters, pollSeconds, measureSeconds);
        List<DlmsServer> simulators = new ArrayList<>();
        for (int i = 0; i < meters; i++) {
            SimulatedMeter m = new SimulatedMeter("BENCH-" + i, Clock.systemUTC()::instant, i, 8.0, Duration.ofMinutes(15), 96);
            simulators.add(new DlmsServer(m, new ServerOptions(TransportKind.WRAPPER, 1,
                    Authentication.NONE, null, 1024, 128, 2), InetAddress.getLoopbackAddress(), 0));
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
        List<Poller> list = new ArrayList<>();
        for (DlmsServer sim : simulators) {
            ClientSettings s = ClientSettings.of("127.0.0.1", sim.port(), TransportKind.WRAPPER)
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));
            list.add(new Poller(s, io));
        }
        // first poll of every meter (association, object list, scalers), then the steady state
        for (Poller m : list) {
            m.poll().get(10, TimeUnit.SECONDS);
        }
        long heapAfter = usedHeapAfterGc();
        long cpuStart = cpu(ADAPTER);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(measureSeconds);
        for (Poller m : list) {
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
        list.forEach(Poller::close);
        io.shutdown();
        io.awaitTermination(10, TimeUnit.SECONDS);
        return new Figures("Lightgate DLMS client (shared scheduler + 8 I/O threads)", cpu / 1e6, threads,
                (heapAfter - before.heap) / 1024.0 / simulators.size(), new ArrayList<>(latencies), failures[0]);
    }

    /**
     * One meter polled as the adapter polls it, through the public client only: one exchange at a
     * time on the shared I/O pool (a poll asked for while one runs joins it), the association kept
     * between polls and made again once when a kept one fails.
     */
    private static final class Poller {
        private static final ObisCode CLOCK = ObisCode.parse("0.0.1.0.0.255");

        private final ClientSettings settings;
        private final java.util.concurrent.Executor io;
        private final java.util.Map<ObisCode, ScalerUnit> scalers = new java.util.HashMap<>();
        private java.util.Set<ObisCode> offered;
        private java.util.Map<ObisCode, Double> values = Map.of();
        private DlmsClient client;
        private java.util.concurrent.CompletableFuture<Void> inFlight;

        Poller(ClientSettings settings, java.util.concurrent.Executor io) {
            this.settings = settings;
            this.io = io;
        }

        synchronized java.util.concurrent.CompletableFuture<Void> poll() {
            if (inFlight != null) {
                return inFlight;
            }
            java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
            inFlight = f;
            io.execute(() -> {
                Throwable failed = null;
                try {
                    boolean kept = client != null && client.isOpen();
                    try {
                        readOnce();
                    } catch (java.io.IOException | DlmsProtocolException e) {
                        if (!kept) {
                            throw e;
                        }
                        readOnce();
                    }
                } catch (Exception | Error e) {
                    failed = e;
                }
                synchronized (this) {
                    inFlight = null;
                }
                if (failed == null) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(failed);
                }
            });
            return f;
        }

        private void readOnce() throws java.io.IOException, DlmsProtocolException {
            try {
                if (client == null || !client.isOpen()) {
                    closeClient();
                    client = DlmsClient.connect(settings);
                    if (offered == null) {
                        offered = new java.util.HashSet<>();
                        for (ObjectListEntry e : ObjectListEntry.list(
                                client.get(new AttributeAddress(15, ObjectListEntry.CURRENT_ASSOCIATION, 2)).data())) {
                            offered.add(e.obis());
                        }
                    }
                    List<XdlmsResponse.Result> su = client.get(REGISTERS.stream().map(o -> new AttributeAddress(3, o, 3)).toList());
                    for (int i = 0; i < REGISTERS.size(); i++) {
                        scalers.put(REGISTERS.get(i), su.get(i).ok() ? ScalerUnit.of(su.get(i).data()) : ScalerUnit.NONE);
                    }
                }
                List<AttributeAddress> addresses = new ArrayList<>();
                addresses.add(new AttributeAddress(8, CLOCK, 2));
                for (ObisCode o : REGISTERS) {
                    addresses.add(new AttributeAddress(3, o, 2));
                }
                List<XdlmsResponse.Result> results = client.get(addresses);
                if (results.get(0).ok()) {
                    CosemDateTime.decode(results.get(0).data());
                }
                java.util.Map<ObisCode, Double> next = new java.util.HashMap<>();
                for (int i = 0; i < REGISTERS.size(); i++) {
                    XdlmsResponse.Result r = results.get(i + 1);
                    if (r.ok()) {
                        next.put(REGISTERS.get(i), scalers.get(REGISTERS.get(i)).apply(r.data()).doubleValue());
                    }
                }
                if (!next.equals(values)) {
                    values = Map.copyOf(next);
                }
            } catch (java.io.IOException | DlmsProtocolException | RuntimeException e) {
                closeClient();
                throw e;
            }
        }

        private void closeClient() {
            if (client != null) {
                client.close();
                client = null;
            }
        }

        void close() {
            io.execute(this::closeClient);
        }
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
        private final GXDLMSClient client = new GXDLMSClient(true, 16, 1, gurux.dlms.enums.Authentication.NONE, null, InterfaceType.WRAPPER);
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
