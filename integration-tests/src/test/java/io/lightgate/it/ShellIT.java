/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The lwm2m:* Gogo commands, run through the Gogo command processor as a console user would. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT extends GatewayTestSupport {

    @Inject
    private CommandProcessor processor;

    @Configuration
    public Option[] config() {
        return coreGateway(testFolder("shell"));
    }

    private String run(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, "UTF-8");
                CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            Object result = session.execute(command);
            return out.toString("UTF-8") + (result == null ? "" : result.toString());
        }
    }

    @Test
    public void commandsShowTheRegistry() throws Exception {
        String endpoints = run("lwm2m:endpoints");
        assertTrue(endpoints, endpoints.contains("it-gateway (gateway)"));

        String objects = run("lwm2m:objects");
        assertTrue(objects, objects.contains("/3 ") && objects.contains("Device") && objects.contains("io.lightgate.objects.device"));

        String read = run("lwm2m:read it-gateway /3/0");
        assertTrue(read, read.contains("/3/0/0") && read.contains("Manufacturer") && read.contains("Lightgate"));
        assertTrue(read, read.contains("Memory Free [KiB]") || read.contains("Memory Free"));

        String one = run("lwm2m:read it-gateway /3/0/17");
        assertTrue(one, one.contains("Gateway"));

        String missing = run("lwm2m:read it-gateway /3/0/9");
        assertTrue("Battery Level is not implemented: " + missing, missing.contains("4.04"));

        String unknown = run("lwm2m:objects nowhere");
        assertTrue(unknown, unknown.contains("No endpoint 'nowhere'"));

        String models = run("lwm2m:models");
        assertTrue(models, models.contains("LwM2M Server") && models.contains("Device"));
    }
}
