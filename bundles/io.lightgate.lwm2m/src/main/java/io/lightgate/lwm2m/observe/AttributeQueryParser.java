/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.observe;

import io.lightgate.api.LwM2mException;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Parses Write-Attributes Uri-Query options into a {@link NotificationAttributes.Change}. */
final class AttributeQueryParser {

    /** {@code 1*DIGIT} */
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** {@code 1*DIGIT ["." 1*DIGIT]}, with an optional minus for thresholds. */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private AttributeQueryParser() {
    }

    static NotificationAttributes.Change parse(List<String> uriQueries) {
        Objects.requireNonNull(uriQueries, "uriQueries");
        NotificationAttributes.Builder set = NotificationAttributes.builder();
        EnumSet<Attribute> seen = EnumSet.noneOf(Attribute.class);
        EnumSet<Attribute> unset = EnumSet.noneOf(Attribute.class);
        for (String option : uriQueries) {
            if (option == null) {
                continue;
            }
            for (String param : option.split("&", -1)) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String name = eq < 0 ? param : param.substring(0, eq);
                Attribute a = Attribute.fromLinkParam(name).orElseThrow(() -> LwM2mException.badRequest(
                        "Write-Attributes: unknown attribute '" + name + "'"));
                if (!seen.add(a)) {
                    throw LwM2mException.badRequest("Write-Attributes: attribute '" + name + "' given more than once");
                }
                if (eq < 0) {
                    unset.add(a);
                } else {
                    setValue(set, a, param.substring(eq + 1));
                }
            }
        }
        return NotificationAttributes.Change.of(set.build(), unset);
    }

    private static void setValue(NotificationAttributes.Builder b, Attribute a, String text) {
        String name = "'" + a.linkParam() + "'";
        if (text.isEmpty()) {
            throw bad(name + " has an empty value (write '" + a.linkParam() + "' alone to remove it)");
        }
        switch (a.kind()) {
            case PERIOD: {
                if (!DIGITS.matcher(text).matches()) {
                    if (text.startsWith("-") && DECIMAL.matcher(text).matches()) {
                        throw bad(name + " must not be negative, got '" + text + "'");
                    }
                    if (DECIMAL.matcher(text).matches()) {
                        throw bad(name + " must be a whole number of seconds, got '" + text + "'");
                    }
                    throw bad(name + " is not a number: '" + text + "'");
                }
                long seconds;
                try {
                    seconds = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw bad(name + " is too large: '" + text + "'");
                }
                switch (a) {
                    case PMIN: b.pmin(seconds); break;
                    case PMAX: b.pmax(seconds); break;
                    case EPMIN: b.epmin(seconds); break;
                    default: b.epmax(seconds); break;
                }
                return;
            }
            case THRESHOLD:
            case STEP: {
                if (!DECIMAL.matcher(text).matches()) {
                    throw bad(name + " is not a decimal number: '" + text + "'");
                }
                if (a.kind() == Attribute.Kind.STEP && text.startsWith("-")) {
                    throw bad(name + " must not be negative, got '" + text + "'");
                }
                double d = Double.parseDouble(text);
                if (!Double.isFinite(d)) {
                    throw bad(name + " is too large: '" + text + "'");
                }
                switch (a) {
                    case GT: b.gt(d); break;
                    case LT: b.lt(d); break;
                    default: b.st(d); break;
                }
                return;
            }
            case EDGE:
                if (text.equals("0") || text.equals("1")) {
                    b.edge(text.equals("1"));
                    return;
                }
                throw bad(name + " must be 0 or 1, got '" + text + "'");
            default:
                throw new IllegalStateException(a.toString());
        }
    }

    private static LwM2mException bad(String message) {
        return LwM2mException.badRequest("Write-Attributes: " + message);
    }
}
