/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.Version;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/** Small hand-made fakes of OSGi types and component property types, built on dynamic proxies. */
final class Fakes {

    private Fakes() {
    }

    /**
     * An instance of a component property type: values from {@code values}, the rest from
     * the annotation's defaults, as DS would do.
     */
    static <A extends Annotation> A config(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            switch (method.getName()) {
                case "annotationType": return type;
                case "toString": return type.getSimpleName() + values;
                case "hashCode": return System.identityHashCode(proxy);
                case "equals": return proxy == args[0];
                default:
                    return values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
            }
        }));
    }

    /**
     * A bundle with a symbolic name, version and Bundle-Name. As system bundle it adapts to a
     * start level at 25; {@code onRestart} runs once the level went down to 1 and back up.
     */
    static Bundle bundle(String symbolicName, String version, String name, Runnable onRestart) {
        int[] level = { 25 };
        FrameworkStartLevel startLevel = (FrameworkStartLevel) Proxy.newProxyInstance(FrameworkStartLevel.class.getClassLoader(),
                new Class<?>[] { FrameworkStartLevel.class }, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getStartLevel": return level[0];
                        case "setStartLevel":
                            int from = level[0];
                            level[0] = (Integer) args[0];
                            if (from == 1 && level[0] > 1) {
                                onRestart.run();
                            }
                            for (Object l : (Object[]) args[1]) {
                                ((FrameworkListener) l).frameworkEvent(null);
                            }
                            return null;
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
        Dictionary<String, String> headers = new Hashtable<>();
        headers.put("Bundle-Name", name);
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class }, (proxy, method, args) -> {
            switch (method.getName()) {
                case "getSymbolicName": return symbolicName;
                case "getVersion": return Version.parseVersion(version);
                case "getHeaders": return headers;
                case "adapt": return args[0] == FrameworkStartLevel.class ? startLevel : null;
                case "hashCode": return System.identityHashCode(proxy);
                case "equals": return proxy == args[0];
                case "toString": return symbolicName;
                default: throw new UnsupportedOperationException(method.getName());
            }
        });
    }

    /** A bundle context for {@code self}, with {@code system} as bundle 0 and the given framework properties. */
    static BundleContext context(Bundle self, Bundle system, Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(), new Class<?>[] { BundleContext.class },
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getBundle":
                            return args == null ? self : ((Long) args[0]) == 0L ? system : null;
                        case "getProperty": return properties.get((String) args[0]);
                        case "hashCode": return System.identityHashCode(proxy);
                        case "equals": return proxy == args[0];
                        case "toString": return "context of " + self;
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    /** A clock that stands still until moved. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
