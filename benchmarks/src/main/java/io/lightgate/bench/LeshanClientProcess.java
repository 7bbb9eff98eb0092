/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import static org.eclipse.leshan.core.LwM2mId.DEVICE;
import static org.eclipse.leshan.core.LwM2mId.SECURITY;
import static org.eclipse.leshan.core.LwM2mId.SERVER;

import java.net.InetAddress;
import java.net.URI;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.core.model.StaticModel;

/**
 * One Leshan 2.0.0-M15 client as a process of its own (Security, Server and the benchmark's
 * Device object, CoAP on 127.0.0.1), the baseline {@link StartBench} starts beside the gateway:
 * the same Reads then cross process boundaries for both. Arguments: server URI, endpoint name.
 * Runs until the process is stopped.
 */
public final class LeshanClientProcess {

    private LeshanClientProcess() {
    }

    public static void main(String[] args) throws Exception {
        URI server = URI.create(args[0]);
        String endpoint = args[1];
        ObjectsInitializer objects = new ObjectsInitializer(new StaticModel(TemperatureModel.withDefaults()));
        objects.setInstancesForObject(SECURITY, Security.noSec(server.toString(), 123));
        objects.setInstancesForObject(SERVER, new Server(123, 300));
        objects.setInstancesForObject(DEVICE, new LeshanFleet.BenchDevice(endpoint));
        CaliforniumClientEndpointsProvider.Builder endpoints = new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider());
        endpoints.setConfiguration(endpoints.createDefaultConfiguration()); // not Californium3.properties in the working directory
        endpoints.setClientAddress(InetAddress.getByName("127.0.0.1"));
        LeshanClientBuilder builder = new LeshanClientBuilder(endpoint);
        builder.setObjects(objects.create(SECURITY, SERVER, DEVICE));
        builder.setEndpointsProviders(endpoints.build());
        LeshanClient client = builder.build();
        client.start();
        Thread.currentThread().join(); // until the benchmark stops the process
    }
}
