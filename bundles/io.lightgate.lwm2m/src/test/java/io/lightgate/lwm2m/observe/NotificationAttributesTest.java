/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.observe;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.ResourceType;
import io.lightgate.api.ResponseCode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.Test;

public class NotificationAttributesTest {

    private static NotificationAttributes.Change parse(String... queries) {
        return NotificationAttributes.parseQuery(Arrays.asList(queries));
    }

    /** Asserts a 4.00 whose message names {@code attribute}. */
    private static void assertBadRequest(String attribute, Runnable r) {
        try {
            r.run();
            fail("expected 4.00 naming '" + attribute + "'");
        } catch (LwM2mException e) {
            assertEquals(ResponseCode.BAD_REQUEST, e.code());
            assertTrue("message should name '" + attribute + "': " + e.getMessage(),
                    e.getMessage().contains("'" + attribute + "'"));
        }
    }

    @Test
    public void parsesValuesAndRemovals() {
        NotificationAttributes.Change c = parse("pmin=10", "gt=20.5", "lt=-3", "st=0.5", "epmin=1", "epmax=30", "pmax", "edge=1");
        NotificationAttributes s = c.set();
        assertEquals(OptionalLong.of(10), s.pmin());
        assertEquals(20.5, s.gt().getAsDouble(), 0);
        assertEquals(-3.0, s.lt().getAsDouble(), 0);
        assertEquals(0.5, s.st().getAsDouble(), 0);
        assertEquals(OptionalLong.of(1), s.epmin());
        assertEquals(OptionalLong.of(30), s.epmax());
        assertEquals(Boolean.TRUE, s.edge().get());
        assertFalse(s.pmax().isPresent());
        assertEquals(EnumSet.of(Attribute.PMAX), c.unset());
        assertEquals("pmin=10&gt=20.5&lt=-3&st=0.5&epmin=1&epmax=30&edge=1&pmax", c.toString());
    }

    @Test
    public void parseSplitsAmpersandsAndSkipsEmptyOptions() {
        NotificationAttributes.Change c = parse("pmin=1&pmax=2", "");
        assertEquals(OptionalLong.of(1), c.set().pmin());
        assertEquals(OptionalLong.of(2), c.set().pmax());
        assertTrue(parse().isEmpty());
    }

    @Test
    public void parseRejectsBadInput() {
        assertBadRequest("foo", () -> parse("foo=1"));
        assertBadRequest("PMIN", () -> parse("PMIN=1"));          // link params are case-sensitive
        assertBadRequest("pmin", () -> parse("pmin=abc"));
        assertBadRequest("pmin", () -> parse("pmin=-1"));
        assertBadRequest("pmin", () -> parse("pmin=1.5"));
        assertBadRequest("pmax", () -> parse("pmax=2.0"));
        assertBadRequest("pmax", () -> parse("pmax=99999999999999999999"));
        assertBadRequest("epmin", () -> parse("epmin=-5"));
        assertBadRequest("gt", () -> parse("gt=1e3"));              // no exponent in the ABNF
        assertBadRequest("gt", () -> parse("gt=NaN"));
        assertBadRequest("lt", () -> parse("lt=0x10"));
        assertBadRequest("lt", () -> parse("lt=1."));
        assertBadRequest("st", () -> parse("st=-0.5"));
        assertBadRequest("st", () -> parse("st="));                // empty value is not a removal
        assertBadRequest("edge", () -> parse("edge=2"));
        assertBadRequest("pmin", () -> parse("pmin=1", "pmin=2"));  // twice
        assertBadRequest("pmin", () -> parse("pmin=1", "pmin"));    // set and removed
        char[] digits = new char[400];
        Arrays.fill(digits, '9');
        assertBadRequest("gt", () -> parse("gt=" + new String(digits)));
    }

    @Test
    public void applySetsAndRemoves() {
        NotificationAttributes a = NotificationAttributes.EMPTY.apply(parse("pmin=10", "pmax=60"));
        assertEquals("pmin=10&pmax=60", a.toString());
        NotificationAttributes b = a.apply(parse("pmax", "gt=5"));
        assertEquals("pmin=10&gt=5", b.toString());
        assertEquals("pmin=10&pmax=60", a.toString()); // immutable
        assertTrue(b.apply(parse("pmin", "gt")).isEmpty());
    }

    @Test
    public void applyCrossChecksTheResult() {
        assertBadRequest("lt", () -> NotificationAttributes.EMPTY.apply(parse("lt=20", "gt=10")));
        assertBadRequest("lt", () -> NotificationAttributes.EMPTY.apply(parse("lt=10", "gt=10")));
        // lt + 2*st < gt: 10 + 2*5 = 20 is not < 20
        assertBadRequest("st", () -> NotificationAttributes.EMPTY.apply(parse("lt=10", "gt=20", "st=5")));
        // decimal, not binary: 0.1 + 2*0.1 = 0.3 is not < 0.3, and 0.1 + 2*0.1 < 0.31
        assertBadRequest("st", () -> NotificationAttributes.EMPTY.apply(parse("lt=0.1", "gt=0.3", "st=0.1")));
        NotificationAttributes.EMPTY.apply(parse("lt=0.1", "gt=0.31", "st=0.1"));
        NotificationAttributes.EMPTY.apply(parse("lt=10", "gt=20", "st=4.9"));

        // the whole result counts, not only this request: gt written earlier, lt now
        NotificationAttributes gt = NotificationAttributes.EMPTY.apply(parse("gt=10"));
        assertBadRequest("lt", () -> gt.apply(parse("lt=15")));

        assertBadRequest("pmax", () -> NotificationAttributes.EMPTY.apply(parse("pmin=60", "pmax=30")));
        NotificationAttributes p = NotificationAttributes.EMPTY.apply(parse("pmin=60"));
        assertBadRequest("pmax", () -> p.apply(parse("pmax=30")));
        p.apply(parse("pmax=60"));
        p.apply(parse("pmax=0")); // 0 means "no pmax"

        assertBadRequest("epmax", () -> NotificationAttributes.EMPTY.apply(parse("epmin=10", "epmax=5")));
        NotificationAttributes.EMPTY.apply(parse("epmin=10", "epmax=10"));
    }

    @Test
    public void valueConditionsOnlyOnNumericSingleResources() {
        NotificationAttributes.Change gt = parse("gt=5");
        gt.checkApplicable(LwM2mPath.of(3303, 0, 5700), ResourceType.FLOAT, false);
        gt.checkApplicable(LwM2mPath.of(3, 0, 9), ResourceType.INTEGER, false);
        gt.checkApplicable(LwM2mPath.of(4, 0, 2), ResourceType.UNSIGNED_INTEGER, false);
        gt.checkApplicable(LwM2mPath.of(3, 0, 7, 0), ResourceType.INTEGER, true); // resource instance
        assertBadRequest("gt", () -> gt.checkApplicable(LwM2mPath.of(3303), null, false));
        assertBadRequest("gt", () -> gt.checkApplicable(LwM2mPath.of(3303, 0), null, false));
        assertBadRequest("gt", () -> gt.checkApplicable(LwM2mPath.of(3, 0, 0), ResourceType.STRING, false));
        assertBadRequest("gt", () -> gt.checkApplicable(LwM2mPath.of(3, 0, 13), ResourceType.TIME, false));
        assertBadRequest("gt", () -> gt.checkApplicable(LwM2mPath.of(3, 0, 7), ResourceType.INTEGER, true));
        assertBadRequest("st", () -> parse("st=1").checkApplicable(LwM2mPath.of(3, 0), null, false));
        assertBadRequest("lt", () -> parse("lt=1").checkApplicable(LwM2mPath.of(3, 0, 0), ResourceType.BOOLEAN, false));
        assertBadRequest("edge", () -> parse("edge=1").checkApplicable(LwM2mPath.of(3, 0, 9), ResourceType.INTEGER, false));
        parse("edge=0").checkApplicable(LwM2mPath.of(3200, 0, 5500), ResourceType.BOOLEAN, false);

        // periods anywhere but the root; removing a value condition is always allowed
        parse("pmin=1", "pmax=2", "epmin=1", "epmax=2").checkApplicable(LwM2mPath.of(3), null, false);
        parse("gt", "lt", "st").checkApplicable(LwM2mPath.of(3, 0), null, false);
        try {
            parse("pmin=1").checkApplicable(LwM2mPath.ROOT, null, false);
            fail();
        } catch (LwM2mException e) {
            assertEquals(ResponseCode.BAD_REQUEST, e.code());
        }
        try {
            parse("pmin=1").checkApplicable(LwM2mPath.of(3, 0, 4), ResourceType.NONE, false);
            fail();
        } catch (LwM2mException e) {
            assertEquals(ResponseCode.BAD_REQUEST, e.code());
        }
    }

    @Test
    public void discoverAttributesAreOrderedAndPlain() {
        NotificationAttributes a = NotificationAttributes.EMPTY.apply(
                parse("st=0.1", "epmax=600", "gt=20.50", "pmax=60", "lt=-5", "pmin=10"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("pmin", "10");
        expected.put("pmax", "60");
        expected.put("gt", "20.5");
        expected.put("lt", "-5");
        expected.put("st", "0.1");
        expected.put("epmax", "600");
        assertEquals(expected, a.toLinkAttributes());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(a.toLinkAttributes().keySet()));

        NotificationAttributes big = NotificationAttributes.builder().gt(1e21).lt(-0.0).st(100).build();
        assertEquals("1000000000000000000000", big.toLinkAttributes().get("gt"));
        assertEquals("0", big.toLinkAttributes().get("lt"));
        assertEquals("100", big.toLinkAttributes().get("st"));
        assertTrue(NotificationAttributes.EMPTY.toLinkAttributes().isEmpty());
    }

    @Test
    public void periodsInForce() {
        assertEquals(0, NotificationAttributes.EMPTY.minimumPeriodSeconds());
        assertFalse(NotificationAttributes.EMPTY.maximumPeriodSeconds().isPresent());
        assertEquals(OptionalLong.of(60), NotificationAttributes.builder().pmin(10).pmax(60).build().maximumPeriodSeconds());
        assertEquals(OptionalLong.of(10), NotificationAttributes.builder().pmin(10).pmax(10).build().maximumPeriodSeconds());
        // "The value of 0, means pmax MUST be ignored"; pmax < pmin "will be ignored"
        assertFalse(NotificationAttributes.builder().pmax(0).build().maximumPeriodSeconds().isPresent());
        assertFalse(NotificationAttributes.builder().pmin(60).pmax(30).build().maximumPeriodSeconds().isPresent());
        // Server object defaults: absent Default Maximum Period or 0 means none
        assertEquals("pmin=5", NotificationAttributes.serverDefaults(5L, 0L).toString());
        assertEquals("pmax=300", NotificationAttributes.serverDefaults(null, 300L).toString());
    }

    @Test
    public void validValueConditions() {
        assertFalse(NotificationAttributes.builder().pmin(1).build().hasValidValueConditions());
        assertTrue(NotificationAttributes.builder().gt(1).build().hasValidValueConditions());
        assertTrue(NotificationAttributes.builder().lt(1).gt(5).st(1).build().hasValidValueConditions());
        assertFalse(NotificationAttributes.builder().lt(1).gt(5).st(2).build().hasValidValueConditions());
        assertFalse(NotificationAttributes.builder().lt(5).gt(1).build().hasValidValueConditions());
    }

    @Test
    public void builderRejectsOutOfRange() {
        try {
            NotificationAttributes.builder().pmin(-1);
            fail();
        } catch (IllegalArgumentException expected) {
        }
        try {
            NotificationAttributes.builder().st(-0.1);
            fail();
        } catch (IllegalArgumentException expected) {
        }
        try {
            NotificationAttributes.builder().gt(Double.NaN);
            fail();
        } catch (IllegalArgumentException expected) {
        }
    }

    @Test
    public void changeOfRejectsConflicts() {
        try {
            NotificationAttributes.Change.of(NotificationAttributes.builder().pmin(1).build(), EnumSet.of(Attribute.PMIN));
            fail();
        } catch (IllegalArgumentException expected) {
        }
        assertTrue(NotificationAttributes.Change.NONE.isEmpty());
    }
}
