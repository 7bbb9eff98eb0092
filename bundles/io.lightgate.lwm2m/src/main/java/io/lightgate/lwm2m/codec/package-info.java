/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The bridge between Lightgate's SPI values and leshan-core's node model, codecs and link format.
 * <p>
 * The engine uses {@link io.lightgate.lwm2m.codec.ContentCodec} (payloads of Read, Write, Create,
 * composite operations and Send) and {@link io.lightgate.lwm2m.codec.LinkFormat} (Register/Update
 * and Discover payloads) with SPI types, CoAP content-format codes and bytes only. The
 * package-private classes ({@code LeshanModels}, {@code NodeMapper}, {@code ValueConverter},
 * {@code TlvRepair}) hold every leshan type; none leaves the package. Not exported.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.lwm2m.codec;
