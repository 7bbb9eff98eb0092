/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.api;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Value;
import io.lightgate.api.object.ExecuteArguments;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The local LwM2M server (registered as a service while it runs). Every device operation
 * completes asynchronously; failures complete exceptionally with a {@link LocalServerException}.
 * Paths and values are the SPI's types ({@link LwM2mPath}, {@link Value}, {@link ExecuteArguments});
 * the root path is refused (BAD_REQUEST).
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
    CompletionStage<NodeContent> read(String endpoint, LwM2mPath path);

    /**
     * Converts what a user typed for a writable resource (or resource instance) of this client to
     * the resource's type, from the object model the client's registration selects: integers,
     * floats, true/false (also 1/0, on/off), ISO-8601 or epoch seconds for time, hex for opaque,
     * {@code oid:iid} for object links.
     *
     * @throws LocalServerException UNKNOWN_ENDPOINT, or BAD_REQUEST naming the path and the expected form
     */
    Value parseValue(String endpoint, LwM2mPath path, String text);

    /**
     * Writes a resource (or resource instance). The value's type must be the resource's type in
     * the client's object model (see {@link #parseValue} to convert text).
     */
    CompletionStage<Void> write(String endpoint, LwM2mPath path, Value value);

    /** Executes a resource with arguments ({@link ExecuteArguments#NONE} for none). */
    CompletionStage<Void> execute(String endpoint, LwM2mPath path, ExecuteArguments arguments);

    /** Starts observing a path; notifications reach {@link LocalServerListener}s. Answers the current value. */
    CompletionStage<NodeContent> observe(String endpoint, LwM2mPath path);

    /** Cancels the observation of this path (passive cancel); false when there was none. */
    boolean cancelObservation(String endpoint, LwM2mPath path);

    /** The paths observed at this client, sorted. */
    List<LwM2mPath> observations(String endpoint);

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
