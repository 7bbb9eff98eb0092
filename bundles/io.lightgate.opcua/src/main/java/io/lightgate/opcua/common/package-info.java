/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * What the OPC UA bundles share: LwM2M &lt;-&gt; OPC UA value conversion ({@link ValueConverter},
 * {@link Scaling}), a Milo server's PKI ({@link ServerPki}, {@link TrustingValidator}), its
 * endpoints and identities ({@link ServerSpec}), its life on a worker thread of its own
 * ({@link MiloServerHost}) and a namespace base class with the node helpers both servers use
 * ({@link SampledNamespace}). Milo types belong to this API on purpose: it is
 * the OPC UA room's library (the adapter, the registry's OPC UA server and the shop-floor
 * simulator import it), never part of io.lightgate.api.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
@org.jspecify.annotations.NullMarked
package io.lightgate.opcua.common;
