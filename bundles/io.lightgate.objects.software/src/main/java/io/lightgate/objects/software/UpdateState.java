/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

/** Update State (9/x/7): the package installation state machine of the Software Management object. */
public enum UpdateState {
    INITIAL(0),
    DOWNLOAD_STARTED(1),
    DOWNLOADED(2),
    DELIVERED(3),
    INSTALLED(4);

    private final int code;

    UpdateState(int code) {
        this.code = code;
    }

    /** The value of resource 7. */
    public int code() {
        return code;
    }
}
