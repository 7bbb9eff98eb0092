/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

/** Update Result (9/x/9), with the codes object 9 defines (OMA-SUP-XML_9-V1_0_2). */
public enum UpdateResult {
    INITIAL(0),
    DOWNLOADING(1),
    INSTALLED(2),
    DOWNLOADED_VERIFIED(3),
    NOT_ENOUGH_STORAGE(50),
    OUT_OF_MEMORY(51),
    CONNECTION_LOST(52),
    INTEGRITY_CHECK_FAILURE(53),
    UNSUPPORTED_PACKAGE_TYPE(54),
    INVALID_URI(56),
    DEVICE_DEFINED_ERROR(57),
    INSTALLATION_FAILURE(58),
    UNINSTALLATION_FAILURE(59);

    private final int code;

    UpdateResult(int code) {
        this.code = code;
    }

    /** The value of resource 9. */
    public int code() {
        return code;
    }
}
