/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.thirdparty.milo;

import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.stack.core.Stack;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Milo keeps process-wide thread pools (a netty event loop, executors, a timer) in static
 * fields. Outside OSGi they live as long as the JVM; here the bundle can stop or be updated
 * while the gateway runs, so its threads are released when it stops.
 */
public final class SharedResources implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        // pools are created lazily by Milo on first use
    }

    @Override
    public void stop(BundleContext context) {
        Stack.releaseSharedResources(5, TimeUnit.SECONDS);
    }
}
