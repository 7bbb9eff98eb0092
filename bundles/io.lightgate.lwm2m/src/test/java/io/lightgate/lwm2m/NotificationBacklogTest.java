/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;

import io.lightgate.api.ConfigurationOrigin;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/** The setting notifications.backlog as etc/io.lightgate.lwm2m.cfg may write it. */
public class NotificationBacklogTest {

    private static final ConfigurationOrigin FILE = ConfigurationOrigin.of(
            Map.of(ConfigurationOrigin.FILE_PROPERTY, "file:/opt/lightgate/etc/io.lightgate.lwm2m.cfg"));

    @Test
    public void theTwoValuesInAnyCaseAndWithBlanks() {
        assertEquals(Optional.of(NotificationBacklog.ALL), NotificationBacklog.parse("all"));
        assertEquals(Optional.of(NotificationBacklog.NEWEST), NotificationBacklog.parse(" Newest "));
    }

    @Test
    public void anUnknownValueKeepsTheDefault() {
        assertEquals(Optional.empty(), NotificationBacklog.parse("latest"));
        assertEquals(NotificationBacklog.ALL, Lwm2mClientEngine.notificationBacklog("latest", FILE));
        assertEquals(NotificationBacklog.ALL, Lwm2mClientEngine.notificationBacklog("", FILE));
        assertEquals(NotificationBacklog.NEWEST, Lwm2mClientEngine.notificationBacklog("newest", FILE));
    }
}
