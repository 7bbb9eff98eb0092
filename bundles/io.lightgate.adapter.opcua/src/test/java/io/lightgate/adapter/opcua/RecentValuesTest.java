/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.Test;

/** Each distinct value (value, status, source timestamp) of a binding passes once. */
public class RecentValuesTest {

    private static DataValue at(Object value, long utc) {
        return new DataValue(new Variant(value), StatusCode.GOOD, new DateTime(utc), DateTime.now());
    }

    @Test
    public void theSameValueWithTheSameSourceTimestampPassesOnce() {
        RecentValues r = new RecentValues(8);
        assertTrue(r.firstTime(at(421L, 1000)));
        assertFalse("read, then the monitored item's first sample (another server time)", r.firstTime(at(421L, 1000)));
        assertTrue("the same value set again later", r.firstTime(at(421L, 2000)));
        assertTrue("another value at the same time", r.firstTime(at(422L, 2000)));
    }

    @Test
    public void aNotificationMessageDeliveredAgainAfterLaterOnesIsDroppedValueByValue() {
        // Milo's PublishingManager: seq 2 handled before seq 1 -> Republish 1, 2, then 1 again, Republish 2 again, 3
        RecentValues r = new RecentValues(RecentValues.DEFAULT_SIZE);
        assertTrue(r.firstTime(at(421L, 1000)));
        assertTrue(r.firstTime(at(422L, 1100)));
        assertFalse(r.firstTime(at(421L, 1000)));
        assertFalse(r.firstTime(at(422L, 1100)));
        assertTrue(r.firstTime(at(423L, 1200)));
    }

    @Test
    public void withoutASourceTimestampNothingCanBeToldApartSoEverythingPasses() {
        RecentValues r = new RecentValues(8);
        assertTrue(r.firstTime(DataValue.valueOnly(new Variant(5.0))));
        assertTrue(r.firstTime(DataValue.valueOnly(new Variant(5.0))));
    }

    @Test
    public void aStatusChangeAtTheSameTimeIsAnotherValue() {
        RecentValues r = new RecentValues(8);
        assertTrue(r.firstTime(at(1.0, 1000)));
        assertTrue(r.firstTime(new DataValue(new Variant(1.0), new StatusCode(StatusCodes.Bad_SensorFailure), new DateTime(1000),
                DateTime.now())));
    }

    @Test
    public void arraysCompareByContent() {
        RecentValues r = new RecentValues(8);
        assertTrue(r.firstTime(at(new Double[] { 1.0, 2.0 }, 1000)));
        assertFalse(r.firstTime(at(new Double[] { 1.0, 2.0 }, 1000)));
    }

    @Test
    public void onlyTheLastFewAreRemembered() {
        RecentValues r = new RecentValues(2);
        assertTrue(r.firstTime(at(1L, 1)));
        assertTrue(r.firstTime(at(2L, 2)));
        assertTrue(r.firstTime(at(3L, 3)));
        assertTrue("forgotten", r.firstTime(at(1L, 1)));
        assertFalse(r.firstTime(at(3L, 3)));
    }
}
