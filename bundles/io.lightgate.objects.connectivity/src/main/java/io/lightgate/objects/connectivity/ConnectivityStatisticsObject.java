/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.connectivity;

import io.lightgate.api.NetworkTraffic;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectId;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LwM2M object 7 (Connectivity Statistics), single instance 0: the IP traffic of the gateway's
 * LwM2M engine (every endpoint, UDP and DTLS), counted on its sockets and handed over through
 * {@link NetworkTraffic}. Tx Data and Rx Data in kilobytes of 1000 bytes, Max and Average
 * Message Size in bytes, all with UDP and IP headers, as the object asks. Start, Stop and
 * Collection Period behave as the object defines them. The SMS counters (0, 1) are left out:
 * the engine sends no SMS.
 */
@Component(service = LwM2mObject.class, immediate = true, configurationPid = ConnectivityStatisticsObject.PID)
@ObjectId(7)
@Designate(ocd = StatisticsConfig.class)
public final class ConnectivityStatisticsObject extends SimpleObject {

    /** The configuration PID. */
    public static final String PID = "io.lightgate.objects.connectivity.statistics";

    static final int TX_DATA = 2;
    static final int RX_DATA = 3;
    static final int MAX_MESSAGE_SIZE = 4;
    static final int AVERAGE_MESSAGE_SIZE = 5;
    static final int START = 6;
    static final int STOP = 7;
    static final int COLLECTION_PERIOD = 8;

    private static final Logger LOG = LoggerFactory.getLogger(ConnectivityStatisticsObject.class);

    private final TrafficCollection collection = new TrafficCollection(System::nanoTime);
    private final AtomicLong periodSeconds = new AtomicLong();
    private final NetworkTraffic.Subscription subscription;

    /** Activates on the engine's counters. */
    @Activate
    public ConnectivityStatisticsObject(@Reference NetworkTraffic traffic, StatisticsConfig config) {
        if (config.collectionPeriodSeconds() < 0) {
            LOG.warn("collectionPeriodSeconds {} in etc/{}.cfg is negative; using 0 (collect until Stop)",
                    config.collectionPeriodSeconds(), PID);
        }
        periodSeconds.set(Math.max(0, config.collectionPeriodSeconds()));
        if (config.collectFromStartup()) {
            collection.start(periodSeconds.get());
        }
        addInstance(SimpleInstance.builder(0)
                .integer(TX_DATA, () -> TrafficCollection.Figures.kilobytes(collection.figures().bytesSent()))
                .integer(RX_DATA, () -> TrafficCollection.Figures.kilobytes(collection.figures().bytesReceived()))
                .integer(MAX_MESSAGE_SIZE, () -> collection.figures().largestPacket())
                .integer(AVERAGE_MESSAGE_SIZE, () -> collection.figures().averagePacket())
                .executable(START, args -> start())
                .executable(STOP, args -> stop())
                .writable(COLLECTION_PERIOD, ResourceType.INTEGER, () -> Value.of(periodSeconds.get()),
                        v -> writePeriod(v.asLong()))
                .build());
        subscription = traffic.subscribe(collection);
    }

    /** Stops counting. */
    @Deactivate
    void deactivate() {
        subscription.close();
    }

    private void start() {
        long period = periodSeconds.get();
        collection.start(period);
        LOG.info("Connectivity Statistics (7/0): collection started{}",
                period == 0 ? ", until Stop" : " for " + period + " s");
        fireResourcesChanged(0, TX_DATA, RX_DATA, MAX_MESSAGE_SIZE, AVERAGE_MESSAGE_SIZE);
    }

    private void stop() {
        collection.stop();
        LOG.info("Connectivity Statistics (7/0): collection stopped; the figures stay until the next Start");
    }

    private void writePeriod(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("Collection Period (7/0/8) is 0 (none) or more seconds, not " + seconds);
        }
        periodSeconds.set(seconds);
    }
}
