/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * Access control of LwM2M management servers (OMA LwM2M Core 1.1 §7.3, object 2 in Appendix E.1):
 * the Access Control instances of one endpoint ({@link io.lightgate.lwm2m.access.AccessControl}, which a
 * configuration file or a bootstrap server fills), the decision whether a server may perform an operation
 * ({@link io.lightgate.lwm2m.access.AccessPolicy}) and the configuration syntax
 * ({@link io.lightgate.lwm2m.access.AclEntry}). Plain Java: no Californium, Leshan or OSGi type, so the
 * engine drives it and tests run without a network.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.lwm2m.access;
