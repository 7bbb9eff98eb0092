/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.observe;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.StringJoiner;

/**
 * An immutable set of &lt;NOTIFICATION&gt; attributes (OMA LwM2M Core 1.1 §5.1.2): each of pmin, pmax, epmin,
 * epmax (whole seconds), gt, lt, st (numbers) and edge (1.2, boolean) is present or absent.
 *
 * <p>Used three ways: as what one Write-Attributes attached to one path ({@link AttributeStore#attached}),
 * as the merged view an observation runs with ({@link AttributeStore#effective}), and as a server's
 * defaults (Default Minimum/Maximum Period of its Server object, {@link #serverDefaults}).
 *
 * <p>Write-Attributes arrives as Uri-Query options: {@link #parseQuery} turns them into a {@link Change},
 * {@link #apply} produces the new attributes of a path and rejects inconsistent results with 4.00.
 */
public final class NotificationAttributes {

    /** No attribute set. */
    public static final NotificationAttributes EMPTY = new NotificationAttributes(new EnumMap<>(Attribute.class));

    /** Periods are Long, thresholds and step Double, edge Long 0/1. */
    private final EnumMap<Attribute, Number> values;

    private NotificationAttributes(EnumMap<Attribute, Number> values) {
        this.values = values;
    }

    /** A builder for attributes; values are range-checked as they are set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults of one server: its Server object's Default Minimum Period (/1/x/2, absent means 0) and
     * Default Maximum Period (/1/x/3, absent or 0 means no pmax).
     *
     * @param defaultMinimumPeriod seconds, or null when the resource is absent
     * @param defaultMaximumPeriod seconds, or null when the resource is absent
     */
    public static NotificationAttributes serverDefaults(Long defaultMinimumPeriod, Long defaultMaximumPeriod) {
        Builder b = builder();
        if (defaultMinimumPeriod != null) b.pmin(defaultMinimumPeriod);
        if (defaultMaximumPeriod != null && defaultMaximumPeriod > 0) b.pmax(defaultMaximumPeriod);
        return b.build();
    }

    /**
     * Parses the Uri-Query options of a Write-Attributes request: {@code "pmin=10"}, {@code "gt=20.5"},
     * or a bare name such as {@code "pmax"}, which removes that attribute. An option holding several
     * {@code &}-separated parameters is split. Values follow the spec's ABNF: periods and epmin/epmax are
     * {@code 1*DIGIT}; gt, lt and st are {@code 1*DIGIT ["." 1*DIGIT]} (gt and lt may carry a leading
     * minus, as Leshan also accepts); edge is {@code 0} or {@code 1}.
     *
     * @throws LwM2mException BAD_REQUEST naming the attribute: unknown attribute, attribute given twice,
     *         value not a number of the right form, negative period or step, empty value
     */
    public static Change parseQuery(List<String> uriQueries) {
        return AttributeQueryParser.parse(uriQueries);
    }

    /**
     * These attributes with {@code change} applied: removals first, then the values set. The result is
     * checked as a whole (see {@link #validate}).
     *
     * @throws LwM2mException BAD_REQUEST when the result is inconsistent
     */
    public NotificationAttributes apply(Change change) {
        EnumMap<Attribute, Number> copy = new EnumMap<>(values);
        for (Attribute a : change.unset) {
            copy.remove(a);
        }
        copy.putAll(change.set.values);
        NotificationAttributes result = new NotificationAttributes(copy);
        result.validate();
        return result;
    }

    /**
     * Checks the rules the spec puts on a set of attributes (Core 1.1 §5.1.2):
     * <ul>
     * <li>{@code lt < gt} and {@code lt + 2*st < gt} when lt and gt (and st) are present;</li>
     * <li>{@code pmax >= pmin} when both are present and pmax is not 0 (the spec ignores such a pmax at run
     * time; a Write-Attributes that creates one is rejected, as Leshan does);</li>
     * <li>{@code epmax >= epmin} when both are present (the spec text says "less than"; equality is accepted
     * so a fixed sampling period can be configured, as Leshan does).</li>
     * </ul>
     *
     * @throws LwM2mException BAD_REQUEST naming the attributes in conflict
     */
    public void validate() {
        Double lt = (Double) values.get(Attribute.LT);
        Double gt = (Double) values.get(Attribute.GT);
        Double st = (Double) values.get(Attribute.ST);
        if (lt != null && gt != null) {
            if (!(lt < gt)) {
                throw LwM2mException.badRequest("Write-Attributes: 'lt' (" + format(Attribute.LT, lt)
                        + ") must be less than 'gt' (" + format(Attribute.GT, gt) + ")");
            }
            if (st != null && !valueConditionsConsistent(lt, gt, st)) {
                throw LwM2mException.badRequest("Write-Attributes: 'lt' + 2*'st' (" + format(Attribute.LT, lt)
                        + " + 2*" + format(Attribute.ST, st) + ") must be less than 'gt' (" + format(Attribute.GT, gt) + ")");
            }
        }
        Long pmin = (Long) values.get(Attribute.PMIN);
        Long pmax = (Long) values.get(Attribute.PMAX);
        if (pmin != null && pmax != null && pmax != 0 && pmax < pmin) {
            throw LwM2mException.badRequest("Write-Attributes: 'pmax' (" + pmax + ") must not be less than 'pmin' (" + pmin + ")");
        }
        Long epmin = (Long) values.get(Attribute.EPMIN);
        Long epmax = (Long) values.get(Attribute.EPMAX);
        if (epmin != null && epmax != null && epmax < epmin) {
            throw LwM2mException.badRequest("Write-Attributes: 'epmax' (" + epmax + ") must not be less than 'epmin' (" + epmin + ")");
        }
    }

    private static boolean valueConditionsConsistent(double lt, double gt, Double st) {
        if (!(lt < gt)) {
            return false;
        }
        if (st == null) {
            return true;
        }
        // decimal arithmetic: 0.1 + 2*0.1 < 0.3 must not depend on binary rounding
        BigDecimal sum = BigDecimal.valueOf(lt).add(BigDecimal.valueOf(st).multiply(BigDecimal.valueOf(2)));
        return sum.compareTo(BigDecimal.valueOf(gt)) < 0;
    }

    /**
     * These attributes overridden by {@code lower}: every attribute present in {@code lower} wins. Used to
     * merge object, instance, resource and resource-instance levels (spec precedence rules 1-5).
     */
    public NotificationAttributes overriddenBy(NotificationAttributes lower) {
        if (lower.values.isEmpty()) return this;
        if (values.isEmpty()) return lower;
        EnumMap<Attribute, Number> copy = new EnumMap<>(values);
        copy.putAll(lower.values);
        return new NotificationAttributes(copy);
    }

    public boolean isEmpty() { return values.isEmpty(); }

    public boolean has(Attribute attribute) { return values.containsKey(attribute); }

    /** The attributes present, in Discover order. */
    public Set<Attribute> names() { return Collections.unmodifiableSet(values.keySet()); }

    public OptionalLong pmin() { return optLong(Attribute.PMIN); }
    public OptionalLong pmax() { return optLong(Attribute.PMAX); }
    public OptionalDouble gt() { return optDouble(Attribute.GT); }
    public OptionalDouble lt() { return optDouble(Attribute.LT); }
    public OptionalDouble st() { return optDouble(Attribute.ST); }
    public OptionalLong epmin() { return optLong(Attribute.EPMIN); }
    public OptionalLong epmax() { return optLong(Attribute.EPMAX); }

    /** The 1.2 edge attribute: true for rising edge ({@code edge=1}), false for falling ({@code edge=0}). */
    public Optional<Boolean> edge() {
        Number n = values.get(Attribute.EDGE);
        return n == null ? Optional.empty() : Optional.of(n.longValue() == 1);
    }

    private OptionalLong optLong(Attribute a) {
        Number n = values.get(a);
        return n == null ? OptionalLong.empty() : OptionalLong.of(n.longValue());
    }

    private OptionalDouble optDouble(Attribute a) {
        Number n = values.get(a);
        return n == null ? OptionalDouble.empty() : OptionalDouble.of(n.doubleValue());
    }

    /** The Minimum Period in force: pmin, or 0 when absent. */
    public long minimumPeriodSeconds() {
        return pmin().orElse(0);
    }

    /**
     * The Maximum Period in force, if any: pmax when present, not 0 ("The value of 0, means pmax MUST be
     * ignored") and not less than the minimum period ("otherwise pmax will be ignored").
     */
    public OptionalLong maximumPeriodSeconds() {
        OptionalLong pmax = pmax();
        if (pmax.isEmpty() || pmax.getAsLong() == 0 || pmax.getAsLong() < minimumPeriodSeconds()) {
            return OptionalLong.empty();
        }
        return pmax;
    }

    /**
     * True when gt, lt or st is present and they form valid "Change Value Conditions" ({@code lt < gt} and
     * {@code lt + 2*st < gt}). Inconsistent conditions (possible when lt and gt come from different levels)
     * are ignored by {@link NotificationPolicy}, which then notifies on any change.
     */
    public boolean hasValidValueConditions() {
        if (!has(Attribute.GT) && !has(Attribute.LT) && !has(Attribute.ST)) {
            return false;
        }
        if (has(Attribute.GT) && has(Attribute.LT)) {
            return valueConditionsConsistent(lt().getAsDouble(), gt().getAsDouble(), (Double) values.get(Attribute.ST));
        }
        return true;
    }

    /**
     * The attributes as CoRE link parameters for Discover, in the order pmin, pmax, gt, lt, st, epmin,
     * epmax, edge; numbers in plain decimal ({@code "20.5"}, {@code "100"}, never {@code "1.0E2"}).
     */
    public Map<String, String> toLinkAttributes() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((a, v) -> out.put(a.linkParam(), format(a, v)));
        return Collections.unmodifiableMap(out);
    }

    static String format(Attribute a, Number v) {
        return a.kind() == Attribute.Kind.THRESHOLD || a.kind() == Attribute.Kind.STEP
                ? Value.of(v.doubleValue()).toText()
                : Long.toString(v.longValue());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NotificationAttributes n && n.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Query form, e.g. {@code pmin=10&gt=20.5}; empty string when no attribute is set. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner("&");
        toLinkAttributes().forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    /** Builds {@link NotificationAttributes}; each setter checks its value's range. */
    public static final class Builder {
        private final EnumMap<Attribute, Number> values = new EnumMap<>(Attribute.class);

        private Builder() {
        }

        public Builder pmin(long seconds) { return period(Attribute.PMIN, seconds); }
        public Builder pmax(long seconds) { return period(Attribute.PMAX, seconds); }
        public Builder epmin(long seconds) { return period(Attribute.EPMIN, seconds); }
        public Builder epmax(long seconds) { return period(Attribute.EPMAX, seconds); }
        public Builder gt(double threshold) { return number(Attribute.GT, threshold); }
        public Builder lt(double threshold) { return number(Attribute.LT, threshold); }

        public Builder st(double step) {
            if (step < 0) throw new IllegalArgumentException("'st' must not be negative: " + step);
            return number(Attribute.ST, step);
        }

        public Builder edge(boolean rising) {
            values.put(Attribute.EDGE, rising ? 1L : 0L);
            return this;
        }

        private Builder period(Attribute a, long seconds) {
            if (seconds < 0) throw new IllegalArgumentException("'" + a.linkParam() + "' must not be negative: " + seconds);
            values.put(a, seconds);
            return this;
        }

        private Builder number(Attribute a, double v) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("'" + a.linkParam() + "' must be a finite number: " + v);
            values.put(a, v == 0.0 ? 0.0 : v); // no -0.0
            return this;
        }

        public NotificationAttributes build() {
            return values.isEmpty() ? EMPTY : new NotificationAttributes(new EnumMap<>(values));
        }
    }

    /**
     * What one Write-Attributes asks for: values to set and attributes to remove (a bare {@code ?pmax}).
     * Immutable.
     */
    public static final class Change {

        /** A change that does nothing. */
        public static final Change NONE = new Change(EMPTY, Collections.unmodifiableSet(EnumSet.noneOf(Attribute.class)));

        private final NotificationAttributes set;
        private final Set<Attribute> unset;

        private Change(NotificationAttributes set, Set<Attribute> unset) {
            this.set = set;
            this.unset = unset;
        }

        /**
         * A change setting the attributes of {@code set} and removing those of {@code unset} (for example
         * from the attributes of a 1.2 Observe).
         *
         * @throws IllegalArgumentException when an attribute is both set and removed
         */
        public static Change of(NotificationAttributes set, Set<Attribute> unset) {
            EnumSet<Attribute> u = unset.isEmpty() ? EnumSet.noneOf(Attribute.class) : EnumSet.copyOf(unset);
            for (Attribute a : u) {
                if (set.has(a)) throw new IllegalArgumentException("'" + a.linkParam() + "' is both set and removed");
            }
            return new Change(set, Collections.unmodifiableSet(u));
        }

        /** The values to set. */
        public NotificationAttributes set() { return set; }

        /** The attributes to remove. */
        public Set<Attribute> unset() { return unset; }

        public boolean isEmpty() { return set.isEmpty() && unset.isEmpty(); }

        /**
         * Checks that this change may be written at {@code path}, where the engine knows the resource's
         * model. Setting gt, lt or st needs a resource or resource-instance path of a numeric type
         * (INTEGER, UNSIGNED_INTEGER, FLOAT); setting edge needs a BOOLEAN one; at resource level the
         * resource must be single-instance (a multi-instance resource takes them per instance). No
         * attribute may be written at the root or on an executable resource. Removing is always allowed.
         *
         * @param path the Write-Attributes target
         * @param type the resource's type when {@code path} reaches a resource, otherwise ignored (may be null)
         * @param multiple whether that resource is multi-instance
         * @throws LwM2mException BAD_REQUEST naming the attribute and the reason
         */
        public void checkApplicable(LwM2mPath path, ResourceType type, boolean multiple) {
            Objects.requireNonNull(path, "path");
            if (path.isRoot()) {
                throw LwM2mException.badRequest("Write-Attributes: attributes cannot be attached to /");
            }
            if (path.depth() >= 3 && type == ResourceType.NONE && !set.isEmpty()) {
                throw LwM2mException.badRequest("Write-Attributes: " + path + " is not readable (executable resource)");
            }
            for (Attribute a : set.names()) {
                if (!a.isValueCondition()) {
                    continue;
                }
                String name = "'" + a.linkParam() + "'";
                if (path.depth() < 3) {
                    throw LwM2mException.badRequest("Write-Attributes: " + name
                            + " can only be attached to a resource or resource instance, not " + path);
                }
                boolean typeOk = a == Attribute.EDGE
                        ? type == ResourceType.BOOLEAN
                        : type == ResourceType.INTEGER || type == ResourceType.UNSIGNED_INTEGER || type == ResourceType.FLOAT;
                if (!typeOk) {
                    throw LwM2mException.badRequest("Write-Attributes: " + name + " needs a "
                            + (a == Attribute.EDGE ? "Boolean" : "numeric") + " resource, " + path + " is "
                            + (type == null ? "of unknown type" : type.ddfName()));
                }
                if (path.isResource() && multiple) {
                    throw LwM2mException.badRequest("Write-Attributes: " + name + " cannot be attached to the multi-instance resource "
                            + path + "; attach it to a resource instance");
                }
            }
        }

        /** Query form, e.g. {@code pmin=10&pmax}. */
        @Override
        public String toString() {
            StringJoiner j = new StringJoiner("&");
            if (!set.isEmpty()) j.add(set.toString());
            unset.forEach(a -> j.add(a.linkParam()));
            return j.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Change c && c.set.equals(set) && c.unset.equals(unset);
        }

        @Override
        public int hashCode() {
            return 31 * set.hashCode() + unset.hashCode();
        }
    }
}
