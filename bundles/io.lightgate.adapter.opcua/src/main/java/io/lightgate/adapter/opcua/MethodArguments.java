/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Value;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.opcua.common.Scaling;
import io.lightgate.opcua.common.ValueConverter;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * LwM2M Execute arguments ({@code 0='500',1='fast'}) as OPC UA method input arguments: argument
 * digit i is input argument i, its text converted to the argument's data type.
 */
final class MethodArguments {

    private MethodArguments() {
    }

    static Variant[] inputs(Argument[] declared, ExecuteArguments given, String method) {
        for (int digit : given.asMap().keySet()) {
            if (digit >= declared.length) {
                throw LwM2mException.badRequest("OPC UA method " + method + " takes " + declared.length
                        + " argument(s); argument " + digit + " was given");
            }
        }
        Variant[] inputs = new Variant[declared.length];
        for (int i = 0; i < declared.length; i++) {
            String text = given.get(i).orElse(null);
            if (text == null) {
                throw LwM2mException.badRequest("OPC UA method " + method + " needs argument " + i + " ("
                        + declared[i].getName() + "), e.g. " + i + "='...'");
            }
            OpcUaDataType type = OpcUaDataType.fromNodeId(declared[i].getDataType());
            if (type == null) {
                type = OpcUaDataType.String;
            }
            try {
                inputs[i] = ValueConverter.toOpcUa(Value.of(text), type, Scaling.NONE);
            } catch (IllegalArgumentException e) {
                throw LwM2mException.badRequest("argument " + i + " (" + declared[i].getName() + ") of OPC UA method "
                        + method + ": " + e.getMessage());
            }
        }
        return inputs;
    }

}
