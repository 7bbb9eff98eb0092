/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The local LwM2M server (registered as a service while it runs). Every device operation
 * completes asynchronously; failures complete exceptionally with a {@link LocalServerException}.
 * Paths are LwM2M paths in text form ({@code /3/0/0}).
 */
public interface LocalServer {

    /** The clients registered now, sorted by endpoint name. */
    List<ClientInfo> clients();

    /** The registered client with this endpoint name. */
    Optional<ClientInfo> client(String endpoint);

    /** The URIs the server listens on (e.g. {@code coap://127.0.0.1:5683}). */
    List<String> listenUris();

    /**
     * The server's public key (hex of the X.509 SubjectPublicKeyInfo DER), which RPK clients pin
     * as the server's key.
     */
    String serverPublicKey();

    /** The URIs the bootstrap server listens on; empty when it is off. */
    List<String> bootstrapUris();

    /** Reads an object, instance, resource or resource instance. */
    CompletionStage<NodeContent> read(String endpoint, String path);

    /**
     * Writes a resource (or resource instance). The value is given as text and converted to the
     * resource's type from its object model (integers, floats, true/false, ISO-8601 or epoch
     * seconds for time, hex for opaque, {@code oid:iid} for object links).
     */
    CompletionStage<Void> write(String endpoint, String path, String value);

    /** Executes a resource with optional arguments (LwM2M argument syntax, e.g. {@code 0='a',1}). */
    CompletionStage<Void> execute(String endpoint, String path, String arguments);

    /** Starts observing a path; notifications reach {@link LocalServerListener}s. Answers the current value. */
    CompletionStage<NodeContent> observe(String endpoint, String path);

    /** Cancels the observation of this path (passive cancel); false when there was none. */
    boolean cancelObservation(String endpoint, String path);

    /** The paths observed at this client. */
    List<String> observations(String endpoint);

    /** Credentials known to the server. */
    List<Credential> credentials();

    /** Adds or replaces the credentials of an endpoint; persisted. */
    void putCredential(Credential credential);

    /** Removes the credentials of an endpoint; false when there were none. */
    boolean removeCredential(String endpoint);

    /** Bootstrap configurations known to the bootstrap server. */
    List<BootstrapEntry> bootstrapEntries();

    /** Adds or replaces the bootstrap configuration of an endpoint; persisted. */
    void putBootstrapEntry(BootstrapEntry entry);

    /** Removes the bootstrap configuration of an endpoint; false when there was none. */
    boolean removeBootstrapEntry(String endpoint);
}
