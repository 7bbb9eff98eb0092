/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.testing.fuzz.Fuzzer;
import io.lightgate.testing.fuzz.Mutator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.leshan.core.link.LinkParseException;
import org.junit.Test;

/** The link format of a device's Register payload: parsed, or refused with a LinkParseException, nothing else. */
public class RegisterLinkParserTest {

    private static final String[] VALID = { "</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543\",</1/0>,</3/0>,</3303>;ver=1.1,</3303/0>",
            "</1/0>,</3/0>,</3303/0>,</3303/1>", "</3303/0/5700>;pmin=10;pmax=60;gt=30.5;lt=-10;st=0.5,</3303/0/5701>;dim=2",
            "</lwm2m>;rt=\"oma.lwm2m\",</lwm2m/1/0>,</lwm2m/3/0>" };

    private final RegisterLinkParser parser = new RegisterLinkParser();

    @Test
    public void validLinksParse() throws Exception {
        assertEquals(5, parser.parseCoreLinkFormat(VALID[0].getBytes(StandardCharsets.UTF_8)).length);
    }

    /** Found by the fuzzer: leshan let a NumberFormatException out of a content format beyond int. */
    @Test
    public void aContentFormatBeyondIntIsAParseError() {
        byte[] links = "</>;rt=\"oma.lwm2m\";ct=\"0 42 11111111111111111111115430\",</3/0>".getBytes(StandardCharsets.UTF_8);
        LinkParseException e = assertThrows(LinkParseException.class, () -> parser.parseCoreLinkFormat(links));
        assertTrue(e.getMessage(), e.getMessage().contains("invalid link format"));
        assertThrows(LinkParseException.class, () -> parser.parseLwM2mLinkFromCoreLinkFormat(links, "/"));
    }

    /** {@code -Dfuzz.inputs=100000} for the soak run (README, "Fuzzing"). */
    @Test
    public void mutatedRegisterPayloadsParseOrAreRefused() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String s : VALID) {
            seeds.add(s.getBytes(StandardCharsets.UTF_8));
        }
        Mutator inputs = new Mutator(40, seeds, Mutator.tokens("<", ">", ";", ",", "=", "\"", "/", "ver=", "rt=", "ct=", "ct=\"",
                "99999999999", "-1", "1.1.1"), 4096);
        Fuzzer.run("link format (Register)", inputs, Fuzzer.inputs(3_000), input -> {
            parser.parseCoreLinkFormat(input);
            parser.parseLwM2mLinkFromCoreLinkFormat(input, "/");
        }, t -> t instanceof LinkParseException).assertNoCrash();
    }
}
