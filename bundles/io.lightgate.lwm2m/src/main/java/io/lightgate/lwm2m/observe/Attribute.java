/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.observe;

import java.util.Optional;

/**
 * The writable &lt;NOTIFICATION&gt; class attributes (OMA LwM2M Core 1.1 §5.1.2, 1.2 §7.3.2), in the order
 * Discover lists them. The 1.2 attributes {@code con} and {@code hqmax} are not supported.
 */
public enum Attribute {
    /** Minimum Period, seconds between two notifications. */
    PMIN("pmin", Kind.PERIOD),
    /** Maximum Period, seconds after which a notification is forced. */
    PMAX("pmax", Kind.PERIOD),
    /** Greater Than: threshold high value (may be negative). */
    GT("gt", Kind.THRESHOLD),
    /** Less Than: threshold low value (may be negative). */
    LT("lt", Kind.THRESHOLD),
    /** Step: minimum change since the last notified value (not negative). */
    ST("st", Kind.STEP),
    /** Minimum Evaluation Period (1.1), seconds between two evaluations. */
    EPMIN("epmin", Kind.PERIOD),
    /** Maximum Evaluation Period (1.1), seconds after which an evaluation must occur. */
    EPMAX("epmax", Kind.PERIOD),
    /** Edge (1.2): 1 notifies on false-to-true, 0 on true-to-false transitions of a Boolean resource. */
    EDGE("edge", Kind.EDGE);

    /** How a value of the attribute is written and checked. */
    enum Kind { PERIOD, THRESHOLD, STEP, EDGE }

    private final String linkParam;
    private final Kind kind;

    Attribute(String linkParam, Kind kind) {
        this.linkParam = linkParam;
        this.kind = kind;
    }

    /** The CoRE link parameter / Uri-Query name, e.g. {@code pmin}. */
    public String linkParam() {
        return linkParam;
    }

    Kind kind() {
        return kind;
    }

    /**
     * True for the "Change Value Conditions" ({@code gt}, {@code lt}, {@code st}) and {@code edge}, which
     * may only be attached to resources and resource instances.
     */
    public boolean isValueCondition() {
        return kind != Kind.PERIOD;
    }

    /** The attribute named {@code name} (case-sensitive, as link parameters are), if any. */
    public static Optional<Attribute> fromLinkParam(String name) {
        for (Attribute a : values()) {
            if (a.linkParam.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
