/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import java.math.BigInteger;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.codec.CodecException;
import org.eclipse.leshan.core.node.codec.LwM2mValueConverter;
import org.eclipse.leshan.core.util.datatype.ULong;

/**
 * The value converter handed to leshan's encoders. Like leshan's {@code LwM2mValueChecker} it
 * rejects a value whose type differs from the model's, but it first tries the lossless numeric
 * conversions an object implementation may reasonably rely on: integer or unsigned to float,
 * non-negative integer to unsigned, unsigned below 2^63 to integer. A value for a resource whose
 * model names no type (or that has no model) is passed as it is.
 */
final class ValueConverter implements LwM2mValueConverter {

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    @Override
    public Object convertValue(Object value, Type currentType, Type expectedType, LwM2mPath path) {
        if (expectedType == null || expectedType == Type.NONE || currentType == expectedType) {
            return value;
        }
        switch (expectedType) {
            case FLOAT:
                if (value instanceof Long l) return l.doubleValue();
                if (value instanceof ULong u) return u.doubleValue();
                break;
            case UNSIGNED_INTEGER:
                if (value instanceof Long l && l >= 0) return ULong.valueOf(l);
                break;
            case INTEGER:
                if (value instanceof ULong u && u.toBigInteger().compareTo(LONG_MAX) <= 0) return u.longValue();
                break;
            default:
                break;
        }
        throw new CodecException("Invalid value type for resource %s: the model says %s, the value is %s", path,
                expectedType, currentType);
    }
}
