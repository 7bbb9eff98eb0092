/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.Test;

public class AutoBrowserTest {

    @Test
    public void theStandardNamespaceIsNamespaceZero() {
        assertTrue(AutoBrowser.isStandard(NodeIds.Server));
        assertTrue(AutoBrowser.isStandard(NodeId.parse("i=23470")));
        assertFalse(AutoBrowser.isStandard(NodeId.parse("ns=2;s=Oven1")));
        assertFalse(AutoBrowser.isStandard(NodeId.parse("ns=1;i=85")));
    }
}
