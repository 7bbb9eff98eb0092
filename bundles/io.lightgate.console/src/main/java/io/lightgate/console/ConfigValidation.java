/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * Checks values of one attribute against its metatype definition: type, options, cardinality,
 * min/max (from the metatype XML, and the implementation's own {@link AttributeDefinition#validate}).
 * The console page mirrors these checks (config.js).
 */
final class ConfigValidation {

    private ConfigValidation() {
    }

    /** What is wrong with the values (empty when they are fine); values are never null here. */
    static Optional<String> problem(AttributeDefinition ad, MetatypeRanges.Range range, List<String> values) {
        int cardinality = ad.getCardinality();
        int max = cardinality == 0 ? 1 : Math.abs(cardinality);
        if (values.size() > max) {
            return Optional.of(max == 1 ? "takes a single value" : "takes at most " + max + " values");
        }
        for (String value : values) {
            Optional<String> wrong = problem(ad, range, value);
            if (wrong.isPresent()) {
                return values.size() > 1 ? wrong.map(w -> "'" + value + "': " + w) : wrong;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problem(AttributeDefinition ad, MetatypeRanges.Range range, String value) {
        String typeProblem = typeProblem(ad.getType(), value);
        if (typeProblem != null) {
            return Optional.of(typeProblem);
        }
        String[] options = ad.getOptionValues();
        if (options != null && options.length > 0 && !Arrays.asList(options).contains(value)) {
            return Optional.of("must be one of " + String.join(", ", options));
        }
        if (isNumber(ad.getType())) {
            BigDecimal number;
            try {
                number = new BigDecimal(value.strip());
            } catch (NumberFormatException e) {
                return Optional.of("must be a number"); // Java accepts "1d" or hex floats; the file's readers may not
            }
            if (range.min() != null && number.compareTo(new BigDecimal(range.min())) < 0) {
                return Optional.of("must be at least " + range.min());
            }
            if (range.max() != null && number.compareTo(new BigDecimal(range.max())) > 0) {
                return Optional.of("must be at most " + range.max());
            }
        } else if (ad.getType() == AttributeDefinition.STRING || ad.getType() == AttributeDefinition.PASSWORD) {
            if (range.min() != null && value.length() < Integer.parseInt(range.min())) {
                return Optional.of("needs at least " + range.min() + " characters");
            }
            if (range.max() != null && value.length() > Integer.parseInt(range.max())) {
                return Optional.of("takes at most " + range.max() + " characters");
            }
        }
        String implementation;
        try {
            implementation = ad.validate(value);
        } catch (RuntimeException e) {
            implementation = null;
        }
        return implementation == null || implementation.isEmpty() ? Optional.empty() : Optional.of(implementation);
    }

    static boolean isNumber(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER, AttributeDefinition.LONG, AttributeDefinition.SHORT, AttributeDefinition.BYTE,
                    AttributeDefinition.FLOAT, AttributeDefinition.DOUBLE -> true;
            default -> false;
        };
    }

    private static String typeProblem(int type, String value) {
        String v = value.strip();
        try {
            switch (type) {
                case AttributeDefinition.INTEGER -> Integer.parseInt(v);
                case AttributeDefinition.LONG -> Long.parseLong(v);
                case AttributeDefinition.SHORT -> Short.parseShort(v);
                case AttributeDefinition.BYTE -> Byte.parseByte(v);
                case AttributeDefinition.FLOAT, AttributeDefinition.DOUBLE -> {
                    if (!Double.isFinite(Double.parseDouble(v))) {
                        return "must be a finite number";
                    }
                }
                case AttributeDefinition.BOOLEAN -> {
                    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        return "must be true or false";
                    }
                }
                case AttributeDefinition.CHARACTER -> {
                    if (value.length() != 1) {
                        return "must be a single character";
                    }
                }
                default -> {
                    return null;
                }
            }
        } catch (NumberFormatException e) {
            return switch (type) {
                case AttributeDefinition.INTEGER -> "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
                case AttributeDefinition.SHORT -> "must be a whole number from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
                case AttributeDefinition.BYTE -> "must be a whole number from " + Byte.MIN_VALUE + " to " + Byte.MAX_VALUE;
                case AttributeDefinition.LONG -> "must be a whole number";
                default -> "must be a number";
            };
        }
        return null;
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.STRING -> "String";
            case AttributeDefinition.LONG -> "Long";
            case AttributeDefinition.INTEGER -> "Integer";
            case AttributeDefinition.SHORT -> "Short";
            case AttributeDefinition.CHARACTER -> "Character";
            case AttributeDefinition.BYTE -> "Byte";
            case AttributeDefinition.DOUBLE -> "Double";
            case AttributeDefinition.FLOAT -> "Float";
            case AttributeDefinition.BOOLEAN -> "Boolean";
            case AttributeDefinition.PASSWORD -> "Password";
            default -> "String";
        };
    }
}
