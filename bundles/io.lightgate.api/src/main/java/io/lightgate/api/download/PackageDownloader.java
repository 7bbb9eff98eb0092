/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.download;

import java.net.URI;
import java.util.concurrent.CompletionStage;

/**
 * Downloads a package from a URI of the schemes it names in the service property
 * {@value #SCHEMES} (e.g. {@code coap}). Registered as an OSGi service by the bundle that owns
 * the protocol (the LwM2M engine for CoAP); used by objects such as Software Management (9).
 */
public interface PackageDownloader {

    /** Service property: the URI schemes this downloader serves (String or String[], lower case). */
    String SCHEMES = "lightgate.download.schemes";

    /**
     * Fetches the whole body at {@code uri}.
     *
     * @param maxBytes the largest body accepted; a larger one fails with {@link DownloadFailure.Kind#TOO_LARGE}
     * @return the body, or a stage failed with {@link DownloadFailure} saying why
     */
    CompletionStage<byte[]> download(URI uri, long maxBytes);
}
