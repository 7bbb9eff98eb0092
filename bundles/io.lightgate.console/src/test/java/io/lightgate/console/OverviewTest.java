/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.ResourceType;
import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.Operations;
import io.lightgate.api.model.ResourceModel;
import io.lightgate.server.api.NodeContent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.After;
import org.junit.Test;

public class OverviewTest {

    private static ResourceModel resource(int id, String name, Operations operations, ResourceType type, String units) {
        return new ResourceModel(id, name, operations, false, false, type, "", units, "");
    }

    private static ObjectModel object(int id, String name, ResourceModel... resources) {
        TreeMap<Integer, ResourceModel> map = new TreeMap<>();
        for (ResourceModel r : resources) {
            map.put(r.id(), r);
        }
        return new ObjectModel(id, name, "1.0", "1.0", true, false, "", "", map);
    }

    private final Map<Integer, ObjectModel> modelsById = Map.of(
            3303, object(3303, "Temperature", resource(5700, "Sensor Value", Operations.R, ResourceType.FLOAT, ""),
                    resource(5701, "Sensor Units", Operations.R, ResourceType.STRING, ""),
                    resource(5750, "Application Type", Operations.RW, ResourceType.STRING, "")),
            3305, object(3305, "Power Measurement", resource(5800, "Instantaneous active power", Operations.R, ResourceType.FLOAT, "W"),
                    resource(5821, "Current Calibration", Operations.RW, ResourceType.FLOAT, ""),
                    resource(5806, "Reset Cumulative energy", Operations.E, ResourceType.NONE, "")));
    private final ModelRepository models = new ModelRepository() {
        @Override
        public Optional<ObjectModel> model(int objectId) {
            return Optional.ofNullable(modelsById.get(objectId));
        }

        @Override
        public List<ObjectModel> models() {
            return List.copyOf(modelsById.values());
        }
    };
    private final EventHub events = new EventHub();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
    private final Overview overview = new Overview(events, models, false, 10, new History(3_600_000, 720, 100), clock);

    @After
    public void tearDown() {
        overview.stop();
        events.stop();
    }

    @Test
    public void keyValuesAreNumericReadableResourcesWithUnitsAndIpsoMeasures() {
        assertTrue(Overview.isKey(modelsById.get(3305).resources().get(5800)));
        assertTrue("IPSO Sensor Value: units come from 5701", Overview.isKey(modelsById.get(3303).resources().get(5700)));
        assertFalse("no units", Overview.isKey(modelsById.get(3305).resources().get(5821)));
        assertFalse("text", Overview.isKey(modelsById.get(3303).resources().get(5750)));
        assertFalse("executable", Overview.isKey(modelsById.get(3305).resources().get(5806)));
    }

    @Test
    public void anInstanceNotificationBecomesKeyValuesWithNamesUnitsAndHistory() {
        overview.take("oven", new NodeContent(LwM2mPath.parse("/3303/1"), Map.of(5700, 181.5, 5701, "Cel", 5750, "Oven 2")));
        overview.take("meter", new NodeContent(LwM2mPath.parse("/3305/0/5800"), 3117.0));

        assertEquals(List.of(new Overview.KeyValue("/3303/1/5700", "Temperature 1", "Sensor Value", "Cel", 181.5, clock.instant())),
                keyValues("oven"));
        assertEquals(List.of(new Overview.KeyValue("/3305/0/5800", "Power Measurement 0", "Instantaneous active power", "W", 3117.0,
                clock.instant())), keyValues("meter"));
        assertEquals(List.of(new History.Point(clock.millis(), 181.5)), overview.history("oven", "/3303/1/5700").orElseThrow());
        assertTrue("text is not charted", overview.history("oven", "/3303/1/5750").isEmpty());
        assertEquals(Map.of("name", "Sensor Value", "units", "Cel"), overview.describe("oven", "/3303/1/5700"));
    }

    @Test
    public void aLaterResourceNotificationKeepsTheUnitsFrom5701() {
        overview.take("oven", new NodeContent(LwM2mPath.parse("/3303/0"), Map.of(5700, 20.0, 5701, "Cel")));
        overview.take("oven", new NodeContent(LwM2mPath.parse("/3303/0/5700"), 21.0));
        assertEquals("Cel", keyValues("oven").get(0).units());
        assertEquals(21.0, keyValues("oven").get(0).value());
    }

    @Test
    public void pathsSortNumerically() {
        assertTrue(Overview.comparePaths("/3/0/9", "/3/0/10") < 0);
        assertTrue(Overview.comparePaths("/3303/0", "/3303/0/5700") < 0);
    }

    private List<Overview.KeyValue> keyValues(String endpoint) {
        return overview.values(endpoint);
    }
}
