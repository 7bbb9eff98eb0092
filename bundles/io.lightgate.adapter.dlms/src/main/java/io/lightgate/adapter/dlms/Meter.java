/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.dlms.client.CaptureObject;
import io.lightgate.dlms.client.ClientSettings;
import io.lightgate.dlms.client.CosemDateTime;
import io.lightgate.dlms.client.DlmsAccessException;
import io.lightgate.dlms.client.DlmsClient;
import io.lightgate.dlms.client.ObjectListEntry;
import io.lightgate.dlms.client.ProfileGeneric;
import io.lightgate.dlms.client.ScalerUnit;
import io.lightgate.dlms.protocol.AttributeAddress;
import io.lightgate.dlms.protocol.DataAccessResult;
import io.lightgate.dlms.protocol.DataType;
import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.DlmsProtocolException;
import io.lightgate.dlms.protocol.ObisCode;
import io.lightgate.dlms.protocol.XdlmsResponse;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One meter: keeps an association, polls the mapped registers (one GET-with-list), converts
 * them to the models' units and remembers the result. At most one exchange with the meter runs
 * at a time, on the shared I/O executor; callers get CompletionStages and never wait on a socket.
 * A meter that does not answer fails the stage with 5.03 and is re-associated on the next poll.
 */
final class Meter {

    private static final Logger LOG = LoggerFactory.getLogger(Meter.class);

    private final String name;
    private final ClientSettings settings;
    private final List<MappedResource> mapping;
    private final ObisCode loadProfile;
    private final int profileEntries;
    private final Duration maxAge;
    private final Executor io;
    private final Clock clock;
    private final Consumer<Set<MappedResource>> changed;
    private final MeterListener listener;
    private final Object lock = new Object();

    // guarded by lock
    private CompletableFuture<MeterState> inFlight;
    private volatile MeterState state = MeterState.NONE;
    private volatile boolean closed;

    // confined to the I/O task that holds inFlight
    private DlmsClient client;
    private final Map<ObisCode, ScalerUnit> scalers = new HashMap<>();
    private Set<ObisCode> offered;
    private Boolean reachable;
    private Instant profileReadAt = Instant.EPOCH;
    private MeterIdentity identity = MeterIdentity.NONE;
    private boolean clockWarned;

    Meter(String name, ClientSettings settings, List<MappedResource> mapping, ObisCode loadProfile, int profileEntries,
            Duration maxAge, Executor io, Clock clock, Consumer<Set<MappedResource>> changed) {
        this(name, settings, mapping, loadProfile, profileEntries, maxAge, io, clock, changed, MeterListener.NONE);
    }

    /**
     * @param changed told which resources changed after a poll (all of them when the meter answers
     *        again after an outage, so observations held back meanwhile notify)
     * @param listener told whether the meter answers, its identity and its clock
     */
    Meter(String name, ClientSettings settings, List<MappedResource> mapping, ObisCode loadProfile, int profileEntries,
            Duration maxAge, Executor io, Clock clock, Consumer<Set<MappedResource>> changed, MeterListener listener) {
        this.name = name;
        this.settings = settings;
        this.mapping = List.copyOf(mapping);
        this.loadProfile = loadProfile;
        this.profileEntries = profileEntries;
        this.maxAge = maxAge;
        this.io = new SerialExecutor(io, 16);
        this.clock = clock;
        this.changed = changed;
        this.listener = listener;
    }

    String name() { return name; }

    List<MappedResource> mapping() { return mapping; }

    MeterState state() { return state; }

    /** The COSEM objects the meter's object list offers, or null before the first association. */
    Set<ObisCode> offered() { return offered; }

    /** Reads the meter now, or joins the read under way. */
    CompletableFuture<MeterState> poll() {
        synchronized (lock) {
            if (inFlight != null) {
                return inFlight;
            }
            CompletableFuture<MeterState> f = new CompletableFuture<>();
            inFlight = f;
            try {
                io.execute(() -> run(f, this::readAll));
            } catch (RuntimeException rejected) {
                inFlight = null;
                f.completeExceptionally(LwM2mException.unavailable("meter " + name + ": no I/O thread free (" + rejected + ")"));
            }
            return f;
        }
    }

    private void run(CompletableFuture<MeterState> f, IoTask<MeterState> task) {
        MeterState result = null;
        Throwable failed = null;
        try {
            result = task.run();
        } catch (Exception | Error e) {
            failed = e;
        } finally {
            // cleared before completing: whoever the completion wakes and polls again gets a new poll, not this one
            synchronized (lock) {
                inFlight = null;
            }
        }
        if (failed == null) {
            f.complete(result);
        } else {
            f.completeExceptionally(failed instanceof LwM2mException l ? l : failure(failed));
        }
    }

    @FunctionalInterface
    private interface IoTask<T> {
        T run() throws Exception;
    }

    /** A resource's value: the last poll's if younger than the maximum age, else a fresh read. */
    CompletionStage<Value> read(MappedResource r) {
        MeterState s = state;
        if (Duration.between(s.at(), clock.instant()).compareTo(maxAge) <= 0 && s.values().containsKey(r.key())) {
            return CompletableFuture.completedFuture(s.values().get(r.key()));
        }
        return poll().thenApply(fresh -> {
            Value v = fresh.values().get(r.key());
            if (v == null) {
                throw LwM2mException.notFound("meter " + name + " has no value for " + r.source());
            }
            return v;
        });
    }

    /**
     * Register reset (method 1) of the given object; completes when the meter confirmed it, and
     * starts a fresh poll so observers see the new value.
     */
    CompletionStage<Void> reset(Source register) {
        CompletableFuture<MeterState> f = new CompletableFuture<>();
        try {
            // the serial executor runs it after any poll under way: exchanges never overlap
            io.execute(() -> {
                try {
                    connect();
                    XdlmsResponse.Action a = client.action(new AttributeAddress(register.classId(), register.obis(), 1),
                            DlmsData.int8(0));
                    if (a.result() != DataAccessResult.SUCCESS) {
                        throw LwM2mException.notAllowed("meter " + name + " refused the reset of " + register.obis() + ": "
                                + a.result());
                    }
                    LOG.info("Meter {}: register {} reset", name, register.obis());
                    f.complete(state);
                } catch (Exception | Error e) {
                    closeClient();
                    f.completeExceptionally(e instanceof LwM2mException l ? l : failure(e));
                }
            });
        } catch (RuntimeException rejected) {
            f.completeExceptionally(LwM2mException.unavailable("meter " + name + ": too many exchanges waiting (" + rejected + ")"));
        }
        return f.thenApply(x -> {
            poll();
            return null;
        });
    }

    /**
     * Releases the association (RLRQ) and associates again (the Device object's Reboot): the
     * meter's identity is read anew. Completes with the first poll on the new association.
     */
    CompletableFuture<MeterState> reassociate() {
        try {
            // the serial executor runs it after any exchange under way
            io.execute(() -> {
                LOG.info("Meter {}: releasing the association and associating again", name);
                closeClient();
            });
        } catch (RuntimeException rejected) {
            return CompletableFuture.failedFuture(
                    LwM2mException.unavailable("meter " + name + ": too many exchanges waiting (" + rejected + ")"));
        }
        return poll();
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private void connect() throws IOException, DlmsProtocolException {
        if (client != null && client.isOpen()) {
            return;
        }
        if (client != null) {
            client.close();
        }
        client = DlmsClient.connect(settings);
        scalers.clear();
        if (offered == null) {
            discover();
        }
        identity = readIdentity();
    }

    /** The logical device name, serial number and firmware id, as far as the meter has them. */
    private MeterIdentity readIdentity() throws IOException, DlmsProtocolException {
        List<ObisCode> wanted = new ArrayList<>();
        for (ObisCode o : List.of(MeterIdentity.LOGICAL_DEVICE_NAME, MeterIdentity.SERIAL_NUMBER, MeterIdentity.FIRMWARE_ID)) {
            if (isOffered(o)) {
                wanted.add(o);
            }
        }
        if (wanted.isEmpty()) {
            return MeterIdentity.NONE;
        }
        List<XdlmsResponse.Result> results = client.get(wanted.stream().map(o -> new AttributeAddress(1, o, 2)).toList());
        Map<ObisCode, String> found = new HashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            // "object undefined" and the like: the meter does not have it, the default stays
            if (results.get(i).ok()) {
                found.put(wanted.get(i), MeterIdentity.text(results.get(i).data()));
            }
        }
        MeterIdentity id = new MeterIdentity(found.get(MeterIdentity.LOGICAL_DEVICE_NAME), found.get(MeterIdentity.SERIAL_NUMBER),
                found.get(MeterIdentity.FIRMWARE_ID));
        if (!id.equals(identity)) {
            LOG.info("Meter {}: logical device name {}, serial number {}, firmware {}", name,
                    id.logicalDeviceName(), id.serialNumber(), id.firmware());
        }
        return id;
    }

    /** Reads the Association LN object list once, to know which mapped objects exist. */
    private void discover() throws IOException, DlmsProtocolException {
        XdlmsResponse.Result list = client.get(new AttributeAddress(15, ObjectListEntry.CURRENT_ASSOCIATION, 2));
        if (!list.ok()) {
            LOG.info("Meter {} gives no object list ({}); every mapped object is tried", name, list.error());
            return;
        }
        Set<ObisCode> found = new HashSet<>();
        for (ObjectListEntry e : ObjectListEntry.list(list.data())) {
            found.add(e.obis());
        }
        offered = found;
        for (MappedResource r : mapping) {
            if (!found.contains(r.source().obis()) || (r.source().minus() != null && !found.contains(r.source().minus()))) {
                LOG.info("Meter {} does not offer {}: resource {} stays empty", name, r.source(), r.key());
            }
        }
    }

    /**
     * One poll. Meters drop idle associations (HDLC inactivity timeout, TCP idle close): when an
     * exchange on an association kept from an earlier poll fails, the poll is retried once on a
     * fresh one before the meter counts as unreachable.
     */
    private MeterState readAll() throws Exception {
        if (closed) {
            throw LwM2mException.unavailable("meter " + name + " is being removed");
        }
        boolean kept = client != null && client.isOpen();
        try {
            try {
                return readOnce();
            } catch (IOException | DlmsProtocolException e) {
                if (!kept || closed) {
                    throw e;
                }
                LOG.debug("Meter {}: the kept association failed ({}); associating again", name, e.toString());
                return readOnce();
            }
        } catch (Exception e) {
            if (!Boolean.FALSE.equals(reachable)) {
                LOG.warn("Meter {} at {}:{} does not answer ({}); reads answer 5.03 until it does,"
                        + " retried every poll", name, settings.host(), Integer.toString(settings.port()), e.toString());
                reachable = false;
                listener.unreachable();
            }
            throw e;
        }
    }

    private MeterState readOnce() throws Exception {
        try {
            connect();
            Map<ObisCode, Source> objects = new LinkedHashMap<>();
            for (MappedResource r : mapping) {
                if (isOffered(r.source().obis())) {
                    objects.putIfAbsent(r.source().obis(), r.source());
                }
                if (r.source().minus() != null && isOffered(r.source().minus())) {
                    objects.putIfAbsent(r.source().minus(), r.source());
                }
            }
            readScalers(objects);
            List<ObisCode> order = new ArrayList<>(objects.keySet());
            List<AttributeAddress> addresses = new ArrayList<>();
            // the clock rides along in the poll's GET-with-list: Current Time costs no exchange of its own
            boolean withClock = isOffered(MeterIdentity.CLOCK);
            if (withClock) {
                addresses.add(new AttributeAddress(8, MeterIdentity.CLOCK, 2));
            }
            for (ObisCode o : order) {
                addresses.add(objects.get(o).value(o));
            }
            Instant sent = clock.instant();
            List<XdlmsResponse.Result> results = addresses.isEmpty() ? List.of() : client.get(addresses);
            Instant hostTime = sent.plus(Duration.between(sent, clock.instant()).dividedBy(2));
            Instant meterTime = withClock ? meterTime(results.get(0)) : null;
            if (withClock) {
                results = results.subList(1, results.size());
            }
            Map<ObisCode, DlmsData> raw = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                if (results.get(i).ok()) {
                    raw.put(order.get(i), results.get(i).data());
                }
            }
            Map<String, Value> values = new HashMap<>();
            for (MappedResource r : mapping) {
                Value v = convert(r, raw);
                if (v != null) {
                    values.put(r.key(), v);
                }
            }
            LoadProfile profile = readProfile();
            MeterState next = new MeterState(Map.copyOf(values), clock.instant(), profile);
            MeterState previous = state;
            state = next;
            boolean back = !Boolean.TRUE.equals(reachable);
            if (back) {
                LOG.info("Meter {} at {}:{} ({}) answers", name, settings.host(), Integer.toString(settings.port()),
                        settings.transport());
                reachable = true;
            }
            Set<MappedResource> differ = new HashSet<>();
            for (MappedResource r : mapping) {
                // back after an outage: every resource counts as changed, so notifications held back
                // while reads answered 5.03 go out now, even for values that did not move
                if (back || !Objects.equals(previous.values().get(r.key()), next.values().get(r.key()))) {
                    differ.add(r);
                }
            }
            if (!differ.isEmpty() || previous.profile() != profile) {
                changed.accept(differ);
            }
            // after the objects took the poll (load profile instances included): the endpoint the
            // listener may register now goes out with its whole tree
            listener.answered(identity, meterTime, hostTime);
            return next;
        } catch (Exception e) {
            closeClient();
            throw e;
        }
    }

    /** The meter's clock from the poll's answer, or null (logged once) when it cannot be read. */
    private Instant meterTime(XdlmsResponse.Result result) {
        try {
            if (result.ok()) {
                return CosemDateTime.decode(result.data());
            }
            throw new DlmsProtocolException("the meter answered " + result.error());
        } catch (DlmsProtocolException e) {
            if (!clockWarned) {
                LOG.warn("Meter {}: its clock {} cannot be read ({}); Current Time follows the host's clock",
                        name, MeterIdentity.CLOCK, e.getMessage());
                clockWarned = true;
            }
            return null;
        }
    }

    private boolean isOffered(ObisCode obis) {
        return offered == null || offered.contains(obis);
    }

    private void readScalers(Map<ObisCode, Source> objects) throws IOException, DlmsProtocolException {
        List<ObisCode> missing = new ArrayList<>();
        List<AttributeAddress> addresses = new ArrayList<>();
        for (Map.Entry<ObisCode, Source> e : objects.entrySet()) {
            AttributeAddress su = e.getValue().scalerUnit(e.getKey());
            if (su != null && !scalers.containsKey(e.getKey())) {
                missing.add(e.getKey());
                addresses.add(su);
            }
        }
        if (addresses.isEmpty()) {
            return;
        }
        List<XdlmsResponse.Result> results = client.get(addresses);
        for (int i = 0; i < missing.size(); i++) {
            XdlmsResponse.Result r = results.get(i);
            scalers.put(missing.get(i), r.ok() ? ScalerUnit.of(r.data()) : ScalerUnit.NONE);
        }
    }

    private Value convert(MappedResource r, Map<ObisCode, DlmsData> raw) {
        DlmsData d = raw.get(r.source().obis());
        if (d == null) {
            return null;
        }
        if (r.type() == ResourceType.STRING) {
            if (d instanceof DlmsData.Text t) {
                return Value.of(t.value());
            }
            return d.type() == DataType.OCTET_STRING ? Value.of(new String(d.bytes(), java.nio.charset.StandardCharsets.US_ASCII))
                    : Value.of(d.toString());
        }
        BigDecimal v = number(r.source().obis(), d, r.unit());
        if (v == null) {
            return null;
        }
        if (r.source().minus() != null) {
            DlmsData m = raw.get(r.source().minus());
            BigDecimal minus = m == null ? null : number(r.source().minus(), m, r.unit());
            if (minus != null) {
                v = v.subtract(minus);
            }
        }
        return Value.of(Units.toDouble(v));
    }

    private BigDecimal number(ObisCode obis, DlmsData d, String unit) {
        try {
            ScalerUnit su = scalers.getOrDefault(obis, ScalerUnit.NONE);
            BigDecimal v = Units.convert(su.apply(d), su.unit(), unit);
            if (v == null) {
                LOG.warn("Meter {}: {} is in {}, the LwM2M resource wants {}; check the mapping",
                        name, obis, su.symbol(), unit);
            }
            return v;
        } catch (RuntimeException e) {
            LOG.warn("Meter {}: {} is not a number ({})", name, obis, d);
            return null;
        }
    }

    /** The newest entries by range on the clock column, at most once a minute. */
    private LoadProfile readProfile() throws IOException, DlmsProtocolException {
        try {
            return readProfileEntries();
        } catch (DlmsAccessException e) {
            LOG.warn("Meter {}: load profile {} cannot be read: {}", name, loadProfile, e.getMessage());
            profileReadAt = clock.instant();
            return state.profile();
        }
    }

    private LoadProfile readProfileEntries() throws IOException, DlmsProtocolException, DlmsAccessException {
        MeterState s = state;
        if (loadProfile == null || profileEntries <= 0 || !isOffered(loadProfile)) {
            return LoadProfile.EMPTY;
        }
        Instant now = clock.instant();
        if (Duration.between(profileReadAt, now).compareTo(Duration.ofSeconds(60)) < 0) {
            return s.profile();
        }
        XdlmsResponse.Result cols = client.get(new AttributeAddress(7, loadProfile, ProfileGeneric.CAPTURE_OBJECTS));
        if (!cols.ok()) {
            return s.profile();
        }
        List<CaptureObject> columns = CaptureObject.list(cols.data());
        if (columns.isEmpty() || columns.get(0).classId() != 8) {
            LOG.warn("Meter {}: load profile {} does not start with the clock; not exposed", name, loadProfile);
            return LoadProfile.EMPTY;
        }
        // the newest entries by entry number (selector 2): exact, whatever the meter's clock says
        long inUse = client.read(new AttributeAddress(7, loadProfile, ProfileGeneric.ENTRIES_IN_USE)).asLong();
        List<DlmsData> entries = inUse <= 0 ? List.of()
                : client.read(ProfileGeneric.byEntry(loadProfile, Math.max(1, inUse - profileEntries + 1), inUse)).items();
        entries = entries.subList(Math.max(0, entries.size() - profileEntries), entries.size());
        Map<ObisCode, Source> registers = new LinkedHashMap<>();
        for (CaptureObject c : columns.subList(1, columns.size())) {
            if (c.classId() == 3 || c.classId() == 4 || c.classId() == 5) {
                registers.put(c.obis(), new Source(c.classId(), c.obis(), null));
            }
        }
        readScalers(registers);
        List<Instant> times = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        for (int i = 1; i < columns.size(); i++) {
            values.add(new ArrayList<>());
        }
        for (DlmsData row : entries) {
            List<DlmsData> cells = row.items();
            times.add(CosemDateTime.decode(cells.get(0)));
            for (int i = 1; i < columns.size(); i++) {
                BigDecimal v = null;
                if (i < cells.size()) {
                    ScalerUnit su = scalers.getOrDefault(columns.get(i).obis(), ScalerUnit.NONE);
                    try {
                        v = Units.convert(su.apply(cells.get(i)), su.unit(), targetUnit(su.unit()));
                    } catch (RuntimeException e) {
                        v = null;
                    }
                }
                values.get(i - 1).add(v == null ? null : Units.toDouble(v));
            }
        }
        List<LoadProfile.Column> out = new ArrayList<>();
        for (int i = 1; i < columns.size(); i++) {
            ScalerUnit su = scalers.getOrDefault(columns.get(i).obis(), ScalerUnit.NONE);
            out.add(new LoadProfile.Column(columns.get(i).obis().toString(), targetUnit(su.unit()), values.get(i - 1)));
        }
        profileReadAt = now;
        return new LoadProfile(List.copyOf(times), List.copyOf(out));
    }

    /** Energy and power columns go to LwM2M in k-units, like 10242. */
    private static String targetUnit(int dlmsUnit) {
        String symbol = new ScalerUnit(0, dlmsUnit).symbol();
        return switch (dlmsUnit) {
            case ScalerUnit.WATT, ScalerUnit.WATT_HOUR, ScalerUnit.VAR, ScalerUnit.VAR_HOUR, ScalerUnit.VOLT_AMPERE, 31 -> "k" + symbol;
            default -> symbol;
        };
    }

    private LwM2mException failure(Throwable e) {
        return LwM2mException.unavailable("meter " + name + " at " + settings.host() + ":" + settings.port()
                + " does not answer: " + e.getMessage());
    }

    /** Releases the association after whatever exchange is under way; later polls fail at once. */
    void close() {
        closed = true;
        try {
            io.execute(this::closeClient);
        } catch (RuntimeException e) {
            // pool gone or queue full: the sockets close with their timeouts; nothing more to do here
        }
    }
}
