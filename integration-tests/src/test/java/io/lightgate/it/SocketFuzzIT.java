/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.testing.fuzz.Fuzzer;
import io.lightgate.testing.fuzz.Mutator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * Mutated CoAP datagrams at the engine's real UDP sockets, from the address of the server the
 * endpoints are registered with (a {@link FuzzRelay} in front of a real Leshan server) and from
 * a stranger. Seeds are what a server sends ({@link CoapSeeds}); one target mutates whole
 * datagrams (header, token, options, payload), one only the payload behind an intact header.
 * Every answer must be a well-formed datagram: an ACK or Reset, or a response with 2.xx, 4.xx or
 * 5.xx (never 2.xx to the stranger); the log shows no ERROR and no stack trace; the engine keeps
 * its threads and its heap; afterwards every endpoint still serves reads and notifications to
 * Leshan. {@code -Dfuzz.inputs=100000} for the soak run (default {@value #DEFAULT_INPUTS} per
 * target), {@code -Dfuzz.seed} to vary the inputs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SocketFuzzIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final List<String> VIRTUAL = List.of("fuzz-1", "fuzz-2", "fuzz-3");
    private static final int DEFAULT_INPUTS = 2000;
    private static final long SEED = Long.getLong("fuzz.seed", 20261205L);
    private static final int WORKERS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Message IDs after Leshan's last one that injected datagrams leave to Leshan (see FuzzRelay). */
    private static final int LESHAN_WINDOW = 4096;
    /** How long to wait for the Reset of the ping sent behind each input. */
    private static final long PING_WAIT_MS = 2000;
    /** How much longer to wait for a request's answer once the ping behind it has been answered. */
    private static final long REQUEST_EXTRA_WAIT_MS = 100;
    /** Pings in a row an endpoint may leave unanswered before it counts as no longer listening. */
    private static final int UNANSWERED_PINGS_LIMIT = 5;
    /**
     * Heap the run may keep beyond what it had before. Californium keeps every exchange for
     * EXCHANGE_LIFETIME (247 s) to recognise duplicates, and block-wise transfers for
     * BLOCKWISE_STATUS_LIFETIME (300 s), so right after the run the heap holds a few KB per input
     * (measured: 4.5): the default run allows {@link #HEAP_BYTES_PER_INPUT} per input on top; the
     * soak run waits for those lifetimes to pass and then allows only the fixed bound.
     */
    private static final long HEAP_BOUND_BYTES = 48L * 1024 * 1024;
    private static final long HEAP_BYTES_PER_INPUT = 6 * 1024;
    /** Longer than EXCHANGE_LIFETIME (247 s), BLOCKWISE_STATUS_LIFETIME (300 s) and a sweep (10 s). */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(330);

    /**
     * Californium (3.12) matches a separate response to the exchange of an earlier request from the
     * same peer with the same message ID (its deduplicator keeps both kinds under one key) and
     * fails there, logging a stack trace (and another one when the response's options cannot be
     * printed). From the server's address it takes a server reusing a message ID within
     * EXCHANGE_LIFETIME, which RFC 7252 (4.4) forbids, and which the fuzzer does once its message
     * IDs wrap; from anyone else the engine drops separate responses first (StrangerGuard). Counted
     * and printed, not failed.
     */
    private static final LogWatch.Tolerated DUPLICATE_MID_RESPONSE = new LogWatch.Tolerated("server reused a message ID",
            Pattern.compile(" WARN org\\.eclipse\\.californium\\.core\\.network\\.UdpMatcher - error receiving response .* for Exchange\\[R"),
            Pattern.compile("java\\.lang\\.IllegalStateException: startTransmissionRtt must be called before!"));
    private static final LogWatch.Tolerated DUPLICATE_MID_RESPONSE_TO_STRING = new LogWatch.Tolerated("... and its options unprintable",
            Pattern.compile("^SLF4J\\(E\\): Reported exception:$"),
            Pattern.compile("java\\.lang\\.IllegalArgumentException: Option \\S+ value of \\d+ bytes must be in range .*"));

    private EngineSupport engine;
    private final List<ServiceRegistration<EndpointDescriptor>> endpoints = new ArrayList<>();

    @Configuration
    public Option[] config() {
        Option[] options = OptionUtils.combine(coreGateway(testFolder("socketfuzz")), Lwm2mStack.withEngine(), reactorBundle("fuzz"));
        // the native container shares the JVM; said explicitly so that a forked container gets it too
        String inputs = System.getProperty("fuzz.inputs");
        return inputs == null ? options : OptionUtils.combine(options, systemProperty("fuzz.inputs").value(inputs));
    }

    @After
    public void tearDown() {
        endpoints.forEach(GatewayTestSupport::unregister);
        if (engine != null) {
            engine.deleteAll();
        }
    }

    @Test
    public void fuzzedDatagramsGetCleanAnswersAndTheEndpointsKeepServing() throws Exception {
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine(Map.of("worker.threads", WORKERS));
        for (String name : VIRTUAL) {
            endpoints.add(context.registerService(EndpointDescriptor.class, EndpointDescriptor.of(name), null));
        }
        try (TestLeshanServer leshan = TestLeshanServer.start("fuzz"); FuzzRelay relay = new FuzzRelay(leshan.address());
                LogWatch log = LogWatch.start(DUPLICATE_MID_RESPONSE, DUPLICATE_MID_RESPONSE_TO_STRING)) {
            engine.addServer("fuzz", relay.uri(), 1);
            Map<String, InetSocketAddress> sockets = new LinkedHashMap<>();
            for (String ep : all()) {
                Registration registration = leshan.awaitRegistration(ep, WAIT);
                assertReads(leshan, ep);
                sockets.put(ep, relay.endpointBehind(registration.getSocketAddress()));
            }
            List<InetSocketAddress> targets = VIRTUAL.stream().map(sockets::get).toList();
            Set<String> threadsBefore = engineThreads();
            int jvmThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            Map<String, Integer> threadKindsBefore = threadKinds();
            long heapBefore = usedHeapAfterGc();

            int count = Fuzzer.inputs(DEFAULT_INPUTS);
            Session session = new Session(relay, targets);
            List<CoapSeeds.Seed> seeds = CoapSeeds.all();
            List<byte[]> datagrams = seeds.stream().map(CoapSeeds.Seed::datagram).toList();
            List<CoapSeeds.Seed> withPayload = seeds.stream().filter(CoapSeeds.Seed::hasPayload).toList();
            // payload inputs: one byte naming the seed whose header carries the payload, then the payload
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i < withPayload.size(); i++) {
                payloads.add(concat(new byte[] { (byte) i }, withPayload.get(i).payload()));
            }
            List<Fuzzer.Result> results = new ArrayList<>();
            results.add(Fuzzer.run("udp datagrams from the server", new Mutator(SEED, datagrams, CoapSeeds.DATAGRAM_TOKENS, 1500),
                    count, input -> session.fire(input, false), Refused.class::isInstance));
            results.add(Fuzzer.run("udp payloads from the server", new Mutator(SEED + 1, payloads, CoapSeeds.PAYLOAD_TOKENS, 1500),
                    count, input -> session.fire(withHeader(withPayload, input), false), Refused.class::isInstance));
            results.add(Fuzzer.run("udp datagrams from a stranger", new Mutator(SEED + 2, datagrams, CoapSeeds.DATAGRAM_TOKENS, 1500),
                    count, input -> session.fire(input, true), Refused.class::isInstance));
            results.forEach(Fuzzer.Result::assertNoCrash);
            session.drainLateAnswers();
            System.out.println("socket fuzz: " + session.tally());
            assertTrue("answers that were not clean:\n" + String.join("\n", session.violations()), session.violations().isEmpty());

            // the endpoints still serve: reads and an observation, for the fuzzed ones and the gateway's own
            for (String ep : all()) {
                await(ep + " answers a Read of /3/0", () -> reads(leshan, ep));
            }
            for (String ep : VIRTUAL) {
                // fuzzed Write-Attributes may have left a long pmin on /3, /3/0 or /3/0/13: remove them all
                for (String path : List.of("3", "3/0", "3/0/13")) {
                    Response r = session.exchange(sockets.get(ep), attributesRemoved(path));
                    assertEquals("removing the attributes of /" + path + " on " + ep, CoAP.ResponseCode.CHANGED, r.getCode());
                }
            }
            for (String ep : all()) {
                assertTrue(ep + " accepts an observation", leshan.send(ep, new ObserveRequest(ContentFormat.TLV, 3, 0, 13), TIMEOUT).isSuccess());
                leshan.awaitNotifications(ep, "/3/0/13", 1, WAIT);
            }

            Set<String> threadsAfter = engineThreads();
            int jvmThreadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            long heapAfter = usedHeapAfterGc();
            long inputs = results.stream().mapToLong(Fuzzer.Result::inputs).sum();
            long heapBound = HEAP_BOUND_BYTES + HEAP_BYTES_PER_INPUT * inputs;
            System.out.printf("socket fuzz: engine threads before %s, after %s; JVM threads before %d, after %d;"
                    + " heap after GC before %,d KB, right after the run %,d KB (bound +%,d KB)%n", threadsBefore, threadsAfter,
                    jvmThreadsBefore, jvmThreadsAfter, heapBefore / 1024, heapAfter / 1024, heapBound / 1024);
            if (count > DEFAULT_INPUTS) {
                // the soak run: once the exchanges and block-wise transfers Californium keeps have expired, the heap is back
                long start = System.nanoTime();
                long[] settled = { heapAfter };
                long[] lastGc = { start };
                holdsWithin(SETTLE_LIMIT, () -> {
                    if (System.nanoTime() - lastGc[0] > TimeUnit.SECONDS.toNanos(5)) {
                        lastGc[0] = System.nanoTime();
                        settled[0] = usedHeapAfterGc();
                    }
                    return settled[0] <= heapBefore + HEAP_BOUND_BYTES;
                });
                System.out.printf("socket fuzz: heap after GC %,d KB after %d s (before the run %,d KB)%n", settled[0] / 1024,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), heapBefore / 1024);
                heapAfter = settled[0];
                heapBound = HEAP_BOUND_BYTES;
                if (Boolean.getBoolean("fuzz.histogram")) {
                    printHeapHistogram(40); // what the heap still holds, for whoever looks into it
                }
            }
            List<String> errors = log.errors();
            System.out.println("socket fuzz log: " + log.summary());
            assertTrue("ERROR lines or stack traces in the log:\n" + String.join("\n", errors.subList(0, Math.min(60, errors.size()))),
                    errors.isEmpty());
            assertEngineThreadsKept(threadsBefore, threadsAfter);
            // the registry's object-call pool grows with load up to its size (64) and shrinks after 30 s idle: not counted
            Map<String, Integer> threadKindsAfter = threadKinds();
            int objectCallsAfter = threadKindsAfter.getOrDefault(OBJECT_CALL_THREADS, 0);
            int otherBefore = jvmThreadsBefore - threadKindsBefore.getOrDefault(OBJECT_CALL_THREADS, 0);
            int otherAfter = threadKindsAfter.values().stream().mapToInt(Integer::intValue).sum() - objectCallsAfter;
            assertTrue("JVM threads besides the object-call pool: " + otherBefore + " before, " + otherAfter + " after; by kind before "
                    + threadKindsBefore + ", after " + threadKindsAfter, otherAfter <= otherBefore + 2);
            assertTrue("object-call threads within the pool's size: " + objectCallsAfter, objectCallsAfter <= 64);
            assertTrue("heap after GC: " + heapBefore / 1024 + " KB before, " + heapAfter / 1024 + " KB after",
                    heapAfter <= heapBefore + heapBound);
        }
    }

    /** The JVM's largest classes by retained instances' bytes (jcmd GC.class_histogram), for a diagnosis run. */
    private static void printHeapHistogram(int lines) throws java.io.IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(System.getProperty("java.home") + "/bin/jcmd", Long.toString(ProcessHandle.current().pid()),
                "GC.class_histogram").redirectErrorStream(true).start();
        List<String> out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        jcmd.waitFor(30, TimeUnit.SECONDS);
        System.out.println("socket fuzz: heap histogram\n" + String.join("\n", out.subList(0, Math.min(lines, out.size()))));
    }

    private static List<String> all() {
        List<String> all = new ArrayList<>(VIRTUAL);
        all.add(GW);
        return all;
    }

    private static void assertReads(TestLeshanServer leshan, String ep) throws InterruptedException {
        assertTrue(ep + " answers a Read of /3/0", reads(leshan, ep));
    }

    private static boolean reads(TestLeshanServer leshan, String ep) {
        try {
            return leshan.registration(ep) != null && leshan.send(ep, new ReadRequest(ContentFormat.TLV, 3, 0), TIMEOUT).isSuccess();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            return false; // e.g. the endpoint registered again in between
        }
    }

    /** A payload input (seed number, payload) behind the header of that seed. */
    private static byte[] withHeader(List<CoapSeeds.Seed> seeds, byte[] input) {
        if (input.length == 0) {
            return seeds.get(0).header();
        }
        byte[] header = seeds.get((input[0] & 0xFF) % seeds.size()).header();
        byte[] payload = Arrays.copyOfRange(input, 1, input.length);
        return payload.length == 0 ? header : concat(concat(header, new byte[] { (byte) 0xFF }), payload);
    }

    private static Request attributesRemoved(String path) {
        Request r = Request.newPut();
        r.getOptions().setUriPath(path);
        for (String a : List.of("pmin", "pmax", "gt", "lt", "st", "epmin", "epmax")) {
            r.getOptions().addUriQuery(a);
        }
        return r;
    }

    private static final String OBJECT_CALL_THREADS = "lightgate-object-call-#";
    private static final Pattern POOL_THREAD = Pattern.compile("lightgate-lwm2m-(timer-)?(\\d+)");

    /** The engine's threads by name: its pool, its timer, its UDP selector. */
    private static Set<String> engineThreads() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("lightgate-lwm2m-") || t.getName().equals("lightgate-udp-selector")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /**
     * The pool creates its threads as work comes, numbered from 1: a thread that died and was
     * replaced shows as a number above the pool's size. The timer and the selector are the same threads.
     */
    private static void assertEngineThreadsKept(Set<String> before, Set<String> after) {
        assertTrue("the UDP selector thread runs: " + after, after.contains("lightgate-udp-selector"));
        for (String name : after) {
            Matcher m = POOL_THREAD.matcher(name);
            if (m.matches()) {
                int limit = m.group(1) == null ? WORKERS : 1;
                assertTrue("no engine thread lost and replaced: " + after, Integer.parseInt(m.group(2)) <= limit);
            }
        }
        Set<String> kept = new TreeSet<>(before);
        kept.removeIf(n -> !after.contains(n));
        assertEquals("the engine threads from before are all still there", before, kept);
    }

    /** All threads of the JVM, counted by name without digits (e.g. "pool-#-thread-#"). */
    private static Map<String, Integer> threadKinds() {
        Map<String, Integer> kinds = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            kinds.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        return kinds;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** An input the engine refused (4.xx, 5.xx, Reset), did not answer, or that was not sent. */
    private static final class Refused extends Exception {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * Sends inputs to the endpoints in turn and checks what comes back. Each input gets its own
     * message ID (see {@link FuzzRelay#reservedForLeshan}) and is followed by a ping from the same
     * address; the ping's Reset ends the wait for the input's answer. Answers arriving later are
     * checked too, when the next inputs wait or at the end.
     */
    private static final class Session {
        private final FuzzRelay relay;
        private final List<InetSocketAddress> targets;
        private final Map<InetSocketAddress, AtomicInteger> mids = new ConcurrentHashMap<>();
        private final List<String> violations = new ArrayList<>();
        private final Map<String, Integer> tally = new TreeMap<>();
        private final UdpDataParser parser = new UdpDataParser();
        private int next;
        private int unansweredPings;

        Session(FuzzRelay relay, List<InetSocketAddress> targets) {
            this.relay = relay;
            this.targets = targets;
        }

        void fire(byte[] input, boolean fromStranger) throws Exception {
            InetSocketAddress endpoint = targets.get(next++ % targets.size());
            byte[] datagram = input.clone();
            int mid = -1;
            if (datagram.length >= 4) {
                mid = nextMid(endpoint);
                datagram[2] = (byte) (mid >> 8);
                datagram[3] = (byte) mid;
            }
            Message parsed = parse(datagram);
            if (!fromStranger && changesTheServerAccount(parsed)) {
                count("not sent (would change the server account or the ACL)");
                throw new Refused("not sent");
            }
            count(parsed == null ? "inputs that do not parse" : "inputs that parse");
            relay.inject(endpoint, datagram, fromStranger);
            int pingMid = nextMid(endpoint);
            relay.inject(endpoint, new byte[] { 0x40, 0x00, (byte) (pingMid >> 8), (byte) pingMid }, fromStranger);
            String outcome = null;
            boolean pingAnswered = false;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PING_WAIT_MS);
            while (true) {
                long left = deadline - System.nanoTime();
                FuzzRelay.Answer a = left <= 0 ? null : relay.answers().poll(left, TimeUnit.NANOSECONDS);
                if (a == null && pingAnswered) {
                    break;
                }
                if (a == null) {
                    if (++unansweredPings >= UNANSWERED_PINGS_LIMIT) {
                        throw new AssertionError(UNANSWERED_PINGS_LIMIT + " pings in a row unanswered by " + endpoint + " (last input "
                                + HexFormat.of().formatHex(datagram) + ")");
                    }
                    count("pings unanswered within " + PING_WAIT_MS + " ms");
                    break;
                }
                Message answer = check(a);
                boolean ours = a.endpoint().equals(endpoint) && a.toStranger() == fromStranger;
                if (ours && answer instanceof EmptyMessage && answer.getMID() == pingMid) {
                    unansweredPings = 0;
                    if (outcome != null || !(parsed instanceof Request)) {
                        break;
                    }
                    // a request's answer may come after the ping's (a read completes asynchronously): a little longer
                    deadline = Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REQUEST_EXTRA_WAIT_MS));
                    pingAnswered = true;
                    continue;
                }
                if (ours && answer != null && outcome == null && answers(parsed, mid, answer)) {
                    outcome = outcome(answer);
                    if (pingAnswered) {
                        break;
                    }
                }
            }
            if (outcome == null) {
                count("inputs without an answer before the ping's");
                throw new Refused("no answer");
            }
            count("answers " + outcome);
            if (!outcome.startsWith("2.")) {
                throw new Refused(outcome);
            }
            if (fromStranger) {
                throw new AssertionError("a stranger got " + outcome + " for " + HexFormat.of().formatHex(datagram));
            }
        }

        /** Sends a well-formed CON request from the server's address and returns its answer. */
        Response exchange(InetSocketAddress endpoint, Request request) throws IOException, InterruptedException {
            int mid = nextMid(endpoint);
            request.setMID(mid);
            request.setToken(new Token(new byte[] { 1, 2, 3, (byte) mid }));
            relay.inject(endpoint, new UdpDataSerializer().getByteArray(request), false);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                FuzzRelay.Answer a = relay.answers().poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (a != null && check(a) instanceof Response r && r.getMID() == mid && a.endpoint().equals(endpoint)) {
                    return r;
                }
            }
            throw new AssertionError("no answer from " + endpoint + " to " + request);
        }

        /** Checks what is still on its way (until the endpoints have been quiet for a second). */
        void drainLateAnswers() throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            FuzzRelay.Answer a;
            while (System.nanoTime() < deadline && (a = relay.answers().poll(1, TimeUnit.SECONDS)) != null) {
                check(a);
            }
        }

        List<String> violations() {
            return violations.size() > 20 ? violations.subList(0, 20) : violations;
        }

        String tally() {
            return tally.toString();
        }

        private int nextMid(InetSocketAddress endpoint) {
            AtomicInteger counter = mids.computeIfAbsent(endpoint, e -> new AtomicInteger((int) (SEED & 0x7FFF)));
            while (true) {
                int mid = counter.getAndIncrement() & 0xFFFF;
                if (!relay.reservedForLeshan(endpoint, mid, LESHAN_WINDOW)) {
                    return mid;
                }
            }
        }

        private Message parse(byte[] datagram) {
            try {
                return parser.parseMessage(datagram);
            } catch (RuntimeException e) {
                return null;
            }
        }

        /**
         * A well-formed answer: an ACK or Reset, or a response whose code is 2.xx, 4.xx or 5.xx;
         * anything else (an unparsable datagram, another code, a request to the stranger) is recorded.
         */
        private Message check(FuzzRelay.Answer a) {
            Message m = parse(a.datagram());
            String problem = null;
            if (m == null) {
                problem = "not a CoAP message";
            } else if (m instanceof Response r) {
                int codeClass = r.getCode().codeClass;
                if (codeClass != 2 && codeClass != 4 && codeClass != 5) {
                    problem = "response code " + r.getCode();
                } else if (codeClass == 2 && a.toStranger()) {
                    problem = "a success for the stranger";
                }
                count("responses " + r.getCode().codeClass + ".xx");
            } else if (m instanceof EmptyMessage e) {
                if (e.getType() != CoAP.Type.ACK && e.getType() != CoAP.Type.RST) {
                    problem = "an empty " + e.getType();
                }
            } else {
                problem = "a request";
            }
            if (problem != null) {
                synchronized (violations) {
                    violations.add(problem + ": " + a);
                }
            }
            return m;
        }

        /** Whether an answer is the one to the input: the same message ID (ACK, RST) or the same token (a separate response). */
        private static boolean answers(Message input, int mid, Message answer) {
            if (answer.getType() == CoAP.Type.ACK || answer.getType() == CoAP.Type.RST) {
                return answer.getMID() == mid;
            }
            return input != null && answer instanceof Response && input.getToken() != null && input.getToken().equals(answer.getToken());
        }

        private static String outcome(Message answer) {
            if (answer instanceof Response r) {
                return r.getCode().codeClass + "." + String.format("%02d", r.getCode().codeDetail);
            }
            return answer.getType() == CoAP.Type.RST ? "Reset" : "empty ACK";
        }

        private void count(String what) {
            tally.merge(what, 1, Integer::sum);
        }

        /**
         * Requests that would let the fuzzer end the test's own account: a change of the Server
         * (1) or Access Control (2) objects (Disable, Registration Update Trigger, a Lifetime of
         * 0, an ACL without the server), also inside a composite write. They are not sent.
         */
        private static boolean changesTheServerAccount(Message m) {
            if (!(m instanceof Request r) || r.getCode() == CoAP.Code.GET || r.getCode() == CoAP.Code.FETCH) {
                return false;
            }
            List<String> path = new ArrayList<>(r.getOptions().getUriPath());
            path.removeIf(String::isEmpty);
            if (path.isEmpty()) {
                String payload = new String(r.getPayload(), StandardCharsets.ISO_8859_1);
                return payload.contains("/1") || payload.contains("/2");
            }
            try {
                int object = Integer.parseInt(path.get(0).trim());
                return object == 1 || object == 2;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
