/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import java.time.Instant;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a firmware update stands: State (5/0/3), Update Result (5/0/5), the package's name and
 * version (6, 7) and the Package URI (1), as object 5 defines them. Immutable: each step of the
 * state machine returns a new value, or throws {@link IllegalStateException} when the object
 * does not allow it in the current state (the caller answers 4.05).
 *
 * @param state 0 Idle, 1 Downloading, 2 Downloaded, 3 Updating
 * @param result 0 initial, 1 success, 2..9 the failures object 5 defines
 * @param packageName PkgName of the package downloaded or installed ("" when none)
 * @param packageVersion PkgVersion of that package
 * @param packageUri the Package URI last written ("" when none)
 * @param changedAt when the state last changed
 */
record FirmwareState(int state, int result, String packageName, String packageVersion, String packageUri, Instant changedAt) {

    static final int IDLE = 0;
    static final int DOWNLOADING = 1;
    static final int DOWNLOADED = 2;
    static final int UPDATING = 3;

    static final int RESULT_INITIAL = 0;
    static final int RESULT_SUCCESS = 1;
    static final int RESULT_NO_STORAGE = 2;
    static final int RESULT_OUT_OF_RAM = 3;
    static final int RESULT_CONNECTION_LOST = 4;
    static final int RESULT_INTEGRITY_FAILURE = 5;
    static final int RESULT_UNSUPPORTED_TYPE = 6;
    static final int RESULT_INVALID_URI = 7;
    static final int RESULT_UPDATE_FAILED = 8;
    static final int RESULT_UNSUPPORTED_PROTOCOL = 9;

    FirmwareState {
        if (state < IDLE || state > UPDATING) {
            throw new IllegalArgumentException("State " + state + " is not one of 0..3");
        }
        if (result < RESULT_INITIAL || result > RESULT_UNSUPPORTED_PROTOCOL) {
            throw new IllegalArgumentException("Update Result " + result + " is not one of 0..9");
        }
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(packageVersion, "packageVersion");
        Objects.requireNonNull(packageUri, "packageUri");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    /** Nothing downloaded, nothing tried. */
    static FirmwareState initial(Instant now) {
        return new FirmwareState(IDLE, RESULT_INITIAL, "", "", "", now);
    }

    /** A download (pushed or pulled) starts; a package downloaded before is replaced by it. */
    FirmwareState downloading(String uri, Instant now) {
        if (state == DOWNLOADING || state == UPDATING) {
            throw new IllegalStateException("a new package is refused while State is " + stateName());
        }
        return new FirmwareState(DOWNLOADING, RESULT_INITIAL, "", "", uri, now);
    }

    /** The package is complete and verified. */
    FirmwareState downloaded(String name, String version, Instant now) {
        requireState(DOWNLOADING, "a download to finish");
        return new FirmwareState(DOWNLOADED, RESULT_INITIAL, name, version, packageUri, now);
    }

    /** The download or the check of the package failed with the given result; nothing is kept. */
    FirmwareState downloadFailed(int failure, Instant now) {
        requireFailure(failure);
        return new FirmwareState(IDLE, failure, "", "", packageUri, now);
    }

    /** Package set to empty or Package URI set to "": back to Idle, result 0, the package dropped. */
    FirmwareState reset(Instant now) {
        if (state == UPDATING) {
            throw new IllegalStateException("the update is under way (State 3, Updating)");
        }
        return new FirmwareState(IDLE, RESULT_INITIAL, "", "", "", now);
    }

    /** Update executed: only from Downloaded. */
    FirmwareState updating(Instant now) {
        requireState(DOWNLOADED, "Update");
        return new FirmwareState(UPDATING, RESULT_INITIAL, packageName, packageVersion, packageUri, now);
    }

    /** Update could not start; the package stays downloaded. */
    FirmwareState updateRefused(int failure, Instant now) {
        requireState(DOWNLOADED, "Update");
        requireFailure(failure);
        return new FirmwareState(DOWNLOADED, failure, packageName, packageVersion, packageUri, now);
    }

    /** The new image runs and has registered: the update succeeded. */
    FirmwareState confirmed(String runningName, String runningVersion, Instant now) {
        return new FirmwareState(IDLE, RESULT_SUCCESS, runningName, runningVersion, packageUri, now);
    }

    /** The update did not complete (rolled back, or the gateway restarted without applying it). */
    FirmwareState updateFailed(int failure, String runningName, String runningVersion, Instant now) {
        requireFailure(failure);
        return new FirmwareState(IDLE, failure, runningName, runningVersion, packageUri, now);
    }

    private void requireState(int expected, String what) {
        if (state != expected) {
            throw new IllegalStateException(what + " needs State " + expected + " (" + name(expected) + "); it is " + stateName());
        }
    }

    private static void requireFailure(int result) {
        if (result < RESULT_NO_STORAGE || result > RESULT_UNSUPPORTED_PROTOCOL) {
            throw new IllegalArgumentException("Update Result " + result + " is not a failure (2..9)");
        }
    }

    String stateName() {
        return state + " (" + name(state) + ")";
    }

    private static String name(int state) {
        return switch (state) {
            case IDLE -> "Idle";
            case DOWNLOADING -> "Downloading";
            case DOWNLOADED -> "Downloaded";
            default -> "Updating";
        };
    }

    /** What a result code means, for logs and error messages. */
    static String describeResult(int result) {
        return switch (result) {
            case RESULT_INITIAL -> "0 (initial)";
            case RESULT_SUCCESS -> "1 (firmware updated successfully)";
            case RESULT_NO_STORAGE -> "2 (not enough storage for the package)";
            case RESULT_OUT_OF_RAM -> "3 (out of RAM during download)";
            case RESULT_CONNECTION_LOST -> "4 (connection lost during download)";
            case RESULT_INTEGRITY_FAILURE -> "5 (integrity check failure)";
            case RESULT_UNSUPPORTED_TYPE -> "6 (unsupported package type)";
            case RESULT_INVALID_URI -> "7 (invalid URI)";
            case RESULT_UPDATE_FAILED -> "8 (firmware update failed)";
            case RESULT_UNSUPPORTED_PROTOCOL -> "9 (unsupported protocol)";
            default -> String.valueOf(result);
        };
    }

    // ---- persistence (data/firmware/state.properties) -----------------------------------------

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("state", String.valueOf(state));
        p.setProperty("result", String.valueOf(result));
        p.setProperty("package.name", packageName);
        p.setProperty("package.version", packageVersion);
        p.setProperty("package.uri", packageUri);
        p.setProperty("changed.at", changedAt.toString());
        return p;
    }

    /** Reads what {@link #toProperties()} wrote; a value that does not parse throws IllegalArgumentException naming it. */
    static FirmwareState fromProperties(Properties p) {
        try {
            return new FirmwareState(Integer.parseInt(p.getProperty("state", "0").strip()),
                    Integer.parseInt(p.getProperty("result", "0").strip()), p.getProperty("package.name", ""),
                    p.getProperty("package.version", ""), p.getProperty("package.uri", ""),
                    Instant.parse(p.getProperty("changed.at", Instant.EPOCH.toString()).strip()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("state or result or changed.at does not parse: " + e.getMessage(), e);
        }
    }
}
