/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.LinkParseException;
import org.eclipse.leshan.core.link.lwm2m.DefaultLwM2mLinkParser;
import org.eclipse.leshan.core.link.lwm2m.LwM2mLink;
import org.eclipse.leshan.core.link.lwm2m.LwM2mLinkParser;

/**
 * Leshan's LwM2M link parser, made to refuse every bad payload with a {@link LinkParseException}.
 * Leshan's own lets a NumberFormatException through for an attribute value out of range (e.g.
 * {@code ct=99999999999}), which a device's Register would turn into a 5.00 and a stack trace
 * instead of a 4.00; found by the fuzzing tests.
 */
final class RegisterLinkParser implements LwM2mLinkParser {

    private final DefaultLwM2mLinkParser parser = new DefaultLwM2mLinkParser();

    @Override
    public Link[] parseCoreLinkFormat(byte[] bytes) throws LinkParseException {
        try {
            return parser.parseCoreLinkFormat(bytes);
        } catch (RuntimeException e) {
            throw new LinkParseException("invalid link format: " + e.getMessage(), e);
        }
    }

    @Override
    public LwM2mLink[] parseLwM2mLinkFromCoreLinkFormat(byte[] bytes, String rootPath) throws LinkParseException {
        try {
            return parser.parseLwM2mLinkFromCoreLinkFormat(bytes, rootPath);
        } catch (RuntimeException e) {
            throw new LinkParseException("invalid link format: " + e.getMessage(), e);
        }
    }
}
