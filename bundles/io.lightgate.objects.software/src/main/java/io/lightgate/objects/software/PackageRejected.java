/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import java.util.Objects;

/** A package (or its delivery, installation or removal) failed: the Update Result to report and why. */
public final class PackageRejected extends Exception {

    private static final long serialVersionUID = 1L;

    private final UpdateResult result;

    public PackageRejected(UpdateResult result, String reason) {
        super(reason);
        this.result = Objects.requireNonNull(result, "result");
    }

    public PackageRejected(UpdateResult result, String reason, Throwable cause) {
        super(reason, cause);
        this.result = Objects.requireNonNull(result, "result");
    }

    /** The Update Result (9/x/9) this failure is reported with. */
    public UpdateResult result() {
        return result;
    }
}
