/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import io.lightgate.api.download.DownloadFailure;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The Update Result a failed download is reported with. */
final class DownloadResults {

    private DownloadResults() {
    }

    static PackageRejected rejection(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof DownloadFailure d) {
            UpdateResult result = switch (d.kind()) {
                case INVALID_URI -> UpdateResult.INVALID_URI;
                case CONNECTION_LOST -> UpdateResult.CONNECTION_LOST;
                case TOO_LARGE -> UpdateResult.NOT_ENOUGH_STORAGE;
            };
            return new PackageRejected(result, d.getMessage(), d);
        }
        if (t instanceof OutOfMemoryError) {
            return new PackageRejected(UpdateResult.OUT_OF_MEMORY, "the gateway ran out of memory while downloading: " + t, t);
        }
        return new PackageRejected(UpdateResult.DEVICE_DEFINED_ERROR, "the download failed: " + t, t);
    }
}
