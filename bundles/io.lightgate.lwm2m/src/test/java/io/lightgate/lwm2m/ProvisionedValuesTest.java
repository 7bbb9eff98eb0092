/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import java.util.List;
import org.junit.Test;

public class ProvisionedValuesTest {

    private static final LwM2mPath SECURITY_1 = LwM2mPath.of(0, 1);

    @Test
    public void everySecurityModeOfTheSpecificationIsAccepted() {
        for (long mode = 0; mode <= 4; mode++) {
            ProvisionedValues.check(SECURITY_1, List.of(Resource.of(0, Value.of("coaps://s:5684")), Resource.of(2, Value.of(mode))));
        }
    }

    @Test
    public void aSecurityModeOutsideZeroToFourIsABadRequestNamingTheResource() {
        for (long mode : new long[] { 5, 7, -1 }) {
            LwM2mException e = assertThrows(LwM2mException.class,
                    () -> ProvisionedValues.check(SECURITY_1, List.of(Resource.of(2, Value.of(mode)))));
            assertEquals(ResponseCode.BAD_REQUEST, e.code());
            assertTrue(e.getMessage(), e.getMessage().contains("/0/1/2 Security Mode " + mode));
        }
    }

    @Test
    public void otherObjectsAndResourcesAreLeftToTheDecoder() {
        // resource 2 of a Server instance is the Default Minimum Period: 7 is fine there
        ProvisionedValues.check(LwM2mPath.of(1, 0), List.of(Resource.of(2, Value.of(7L))));
        // Security resource 10 (Short Server ID) is not resource 2
        ProvisionedValues.check(SECURITY_1, List.of(Resource.of(10, Value.of(7L))));
    }
}
