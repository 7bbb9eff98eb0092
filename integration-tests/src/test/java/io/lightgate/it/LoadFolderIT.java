/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The drop-in folder: a bundle jar copied into load/ is installed and started; deleted, it is uninstalled. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LoadFolderIT extends GatewayTestSupport {

    @Configuration
    public Option[] config() {
        return coreGateway(testFolder("loadfolder"));
    }

    @Test
    public void jarCopiedIntoLoadAddsItsObjectsAndDeletingItWithdrawsThem() throws Exception {
        simulateTemperature();
        String gw = registry.gatewayEndpoint();
        Path load = Path.of(context.getProperty("lightgate.load"));
        await("the runtime created " + load, () -> Files.isDirectory(load));

        Path dropped = load.resolve("temperature.jar");
        // copy under another name first, then move: FileInstall must never see a half-written jar
        Path partial = load.getParent().resolve("temperature.jar.part");
        Files.copy(jar("sample").toPath(), partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, dropped, StandardCopyOption.ATOMIC_MOVE);

        await("3303 appears after the jar lands in load/", () -> registry.tree(gw).orElseThrow().objects().containsKey(3303));
        assertNotNull(installed("io.lightgate.objects.sample"));

        Files.delete(dropped);
        await("3303 withdrawn after the jar is deleted", () -> !registry.tree(gw).orElseThrow().objects().containsKey(3303));
        await("bundle uninstalled", () -> installed("io.lightgate.objects.sample") == null);
    }

    @Test
    public void aJarStillBeingWrittenBecomesABundleOnlyWhenComplete() throws Exception {
        simulateTemperature();
        String gw = registry.gatewayEndpoint();
        Path load = Path.of(context.getProperty("lightgate.load"));
        await("the runtime created " + load, () -> Files.isDirectory(load));
        byte[] jar = Files.readAllBytes(jar("sample").toPath());
        long pollMillis = Long.parseLong(context.getProperty("felix.fileinstall.poll"));

        // a slow copy straight into load/ (a network copy, say): half the jar, then a stall of
        // several polls, so FileInstall sees an unchanging file that is not a complete jar yet
        Path dropped = load.resolve("slow-copy.jar");
        try (OutputStream out = Files.newOutputStream(dropped)) {
            out.write(jar, 0, jar.length / 2);
            out.flush();
            Thread.sleep(5 * pollMillis); // the stalled writer, not a wait for the gateway
            assertNull("a half-written jar is no bundle", installed("io.lightgate.objects.sample"));
            assertFalse(registry.tree(gw).orElseThrow().objects().containsKey(3303));
            out.write(jar, jar.length / 2, jar.length - jar.length / 2);
        }
        await("3303 appears once the copy is complete", () -> registry.tree(gw).orElseThrow().objects().containsKey(3303));

        Files.delete(dropped);
        await("3303 withdrawn after the jar is deleted", () -> !registry.tree(gw).orElseThrow().objects().containsKey(3303));
        await("bundle uninstalled", () -> installed("io.lightgate.objects.sample") == null);
    }
}
