/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.download;

import java.io.IOException;
import java.util.Objects;

/** Why a {@link PackageDownloader} could not deliver a package. */
public final class DownloadFailure extends IOException {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure a management object reports differently. */
    public enum Kind {
        /** The URI names nothing the peer serves (unknown host, 4.04, 404, a malformed URI). */
        INVALID_URI,
        /** The peer did not answer, or the transfer broke off. */
        CONNECTION_LOST,
        /** The package is larger than the caller accepts. */
        TOO_LARGE
    }

    private final Kind kind;

    public DownloadFailure(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public DownloadFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
