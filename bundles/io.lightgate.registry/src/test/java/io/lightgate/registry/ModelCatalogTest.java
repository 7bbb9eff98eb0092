/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.ResourceType;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.Operations;
import io.lightgate.api.model.ResourceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class ModelCatalogTest {

    private final ModelCatalog catalog = new ModelCatalog();

    static ObjectModel model(int id, String name, String version) {
        return ObjectModel.of(id, name, version, true, false,
                List.of(new ResourceModel(0, "Value", Operations.R, false, true, ResourceType.INTEGER, null, null, null)));
    }

    @Test
    public void comparesVersionsNumerically() {
        assertTrue(ModelCatalog.compareVersions("1.10", "1.2") > 0);
        assertTrue(ModelCatalog.compareVersions("1.2", "1.10") < 0);
        assertTrue(ModelCatalog.compareVersions("2.0", "1.10") > 0);
        assertEquals(0, ModelCatalog.compareVersions("1.0", "1"));
        assertEquals(0, ModelCatalog.compareVersions("1.1", "1.1"));
        assertTrue(ModelCatalog.compareVersions("1.0.1", "1.0") > 0);
    }

    @Test
    public void highestObjectVersionWins() {
        ObjectModel v12 = model(3, "Device 1.2", "1.2");
        ObjectModel v110 = model(3, "Device 1.10", "1.10");
        catalog.put(ModelCatalog.Source.of(0, "built-in", List.of(v12)));
        catalog.put(ModelCatalog.Source.of(5, "bundle 5", List.of(v110)));
        assertEquals(Optional.of(v110), catalog.model(3));
        assertEquals(Optional.of("bundle 5"), catalog.sourceOf(3));
    }

    @Test
    public void higherVersionWinsEvenFromAnEarlierSource() {
        ObjectModel v110 = model(3, "Device 1.10", "1.10");
        ObjectModel v12 = model(3, "Device 1.2", "1.2");
        catalog.put(ModelCatalog.Source.of(1, "early", List.of(v110)));
        catalog.put(ModelCatalog.Source.of(9, "late", List.of(v12)));
        assertEquals(Optional.of(v110), catalog.model(3));
    }

    @Test
    public void onATieTheLowestSourceOrderWins() {
        ObjectModel late = model(3303, "Temperature (late)", "1.1");
        ObjectModel early = model(3303, "Temperature (early)", "1.1");
        // added in the "wrong" order on purpose: order decides, not the time of put()
        catalog.put(ModelCatalog.Source.of(7, "bundle 7", List.of(late)));
        catalog.put(ModelCatalog.Source.of(2, "bundle 2", List.of(early)));
        assertEquals(Optional.of(early), catalog.model(3303));
        assertEquals(Optional.of("bundle 2"), catalog.sourceOf(3303));
    }

    @Test
    public void removeFallsBackToTheOtherSource() {
        ObjectModel v12 = model(3, "Device 1.2", "1.2");
        ObjectModel v110 = model(3, "Device 1.10", "1.10");
        catalog.put(ModelCatalog.Source.of(0, "built-in", List.of(v12)));
        catalog.put(ModelCatalog.Source.of(5, "bundle 5", List.of(v110, model(10241, "Other", "1.0"))));
        assertTrue(catalog.remove(5));
        assertEquals(Optional.of(v12), catalog.model(3));
        assertEquals(Optional.of("built-in"), catalog.sourceOf(3));
        assertEquals(Optional.empty(), catalog.model(10241));
        assertTrue(catalog.remove(0));
        assertEquals(Optional.empty(), catalog.model(3));
        assertEquals(Optional.empty(), catalog.sourceOf(3));
        assertFalse(catalog.remove(0));
    }

    @Test
    public void putReplacesASourceWithTheSameOrder() {
        catalog.put(ModelCatalog.Source.of(4, "bundle 4", List.of(model(1, "One", "1.0"), model(2, "Two", "1.0"))));
        ObjectModel updated = model(1, "One updated", "1.0");
        catalog.put(ModelCatalog.Source.of(4, "bundle 4", List.of(updated)));
        assertEquals(Optional.of(updated), catalog.model(1));
        assertEquals(Optional.empty(), catalog.model(2));
    }

    @Test
    public void modelsAreOrderedById() {
        catalog.put(ModelCatalog.Source.of(0, "a", List.of(model(3303, "T", "1.0"), model(3, "D", "1.0"))));
        catalog.put(ModelCatalog.Source.of(1, "b", List.of(model(1, "S", "1.0"), model(3, "D2", "1.0"))));
        assertEquals(List.of(1, 3, 3303), catalog.models().stream().map(ObjectModel::id).toList());
        assertEquals("D", catalog.model(3).orElseThrow().name());
    }

    @Test
    public void changeListenersFireOnPutAndRemove() {
        AtomicInteger calls = new AtomicInteger();
        Runnable listener = calls::incrementAndGet;
        catalog.addChangeListener(listener);
        catalog.put(ModelCatalog.Source.of(0, "a", List.of(model(1, "S", "1.0"))));
        assertEquals(1, calls.get());
        catalog.put(ModelCatalog.Source.of(1, "b", List.of(model(2, "T", "1.0"))));
        assertEquals(2, calls.get());
        assertTrue(catalog.remove(1));
        assertEquals(3, calls.get());
        assertFalse(catalog.remove(42));
        assertEquals("removing nothing changes nothing", 3, calls.get());
        catalog.removeChangeListener(listener);
        catalog.remove(0);
        assertEquals(3, calls.get());
    }

    @Test
    public void listenerSeesTheNewState() {
        ObjectModel m = model(5, "Firmware", "1.0");
        AtomicInteger seen = new AtomicInteger(-1);
        catalog.addChangeListener(() -> seen.set(catalog.models().size()));
        catalog.put(ModelCatalog.Source.of(0, "a", List.of(m)));
        assertEquals(1, seen.get());
        catalog.remove(0);
        assertEquals(0, seen.get());
    }

    @Test
    public void tellsOnceWhichCopyOfAnObjectProvidedTwiceIsInForce() {
        List<String> reports = new ArrayList<>();
        ModelCatalog reporting = new ModelCatalog(reports::add);
        reporting.put(ModelCatalog.Source.of(12, "io.lightgate.models.oma [12]", List.of(model(3320, "Percentage", "1.1"))));
        assertEquals("one source: nothing to tell", List.of(), reports);
        reporting.put(ModelCatalog.Source.of(31, "example.objects.heap [31]", List.of(model(3320, "Percentage", "1.1"))));
        assertEquals(1, reports.size());
        String report = reports.get(0);
        assertTrue(report, report.contains("Object model 3320 (Percentage) comes from 2 sources: in force v1.1 from io.lightgate.models.oma [12]; not used v1.1 from example.objects.heap [31]"));

        reporting.put(ModelCatalog.Source.of(40, "unrelated [40]", List.of(model(3304, "Humidity", "1.1"))));
        assertEquals("other sources do not repeat it", 1, reports.size());

        reporting.put(ModelCatalog.Source.of(50, "newer [50]", List.of(model(3320, "Percentage", "1.2"))));
        assertEquals(2, reports.size());
        assertTrue(reports.get(1), reports.get(1).contains("in force v1.2 from newer [50]; not used v1.1 from io.lightgate.models.oma [12], v1.1 from example.objects.heap [31]"));

        assertTrue(reporting.remove(50));
        assertEquals(3, reports.size());
        assertTrue(reports.get(2), reports.get(2).contains("in force v1.1 from io.lightgate.models.oma [12]"));
        assertTrue(reporting.remove(31));
        assertEquals("a single copy left: nothing to tell", 3, reports.size());
        reporting.put(ModelCatalog.Source.of(32, "example.objects.heap [32]", List.of(model(3320, "Percentage", "1.1"))));
        assertEquals("the conflict is back (a bundle reinstalled): told again", 4, reports.size());
    }

    @Test
    public void lazyEntryIsParsedOnlyWhenItsModelIsAskedFor() {
        AtomicInteger loads = new AtomicInteger();
        ObjectModel temperature = model(3303, "Temperature", "1.1");
        catalog.put(new ModelCatalog.Source(7, "bundle 7", List.of(new ModelCatalog.Entry(3303, "Temperature", "1.1", () -> {
            loads.incrementAndGet();
            return temperature;
        }))));
        catalog.put(ModelCatalog.Source.of(8, "bundle 8", List.of(model(3303, "Temperature old", "1.0"))));
        assertEquals("ranked by its header, not parsed", 0, loads.get());
        assertEquals(Optional.of("bundle 7"), catalog.sourceOf(3303));
        assertEquals(Optional.of(temperature), catalog.model(3303));
        assertEquals(Optional.of(temperature), catalog.model(3303));
        assertEquals("parsed once", 1, loads.get());
    }

    @Test
    public void lazyEntryThatFailsToParseHasNoModel() {
        catalog.put(new ModelCatalog.Source(7, "bundle 7", List.of(new ModelCatalog.Entry(3304, "Humidity", "1.0", () -> null))));
        assertEquals(Optional.empty(), catalog.model(3304));
        assertTrue(catalog.models().isEmpty());
    }
}
