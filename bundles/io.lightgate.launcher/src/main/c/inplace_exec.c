/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 *
 * InPlaceExec.exec: replaces the running JVM with another program in the same process (execve),
 * so the process keeps its PID, its parent, its standard streams and its terminal. Returns only
 * when execve failed, with the reason.
 */
#include <jni.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A NULL-terminated copy of a Java String[]; NULL when out of memory. */
static char **copy_strings(JNIEnv *env, jobjectArray array) {
    jsize n = (*env)->GetArrayLength(env, array);
    char **out = calloc((size_t) n + 1, sizeof(char *));
    for (jsize i = 0; out != NULL && i < n; i++) {
        jstring s = (jstring) (*env)->GetObjectArrayElement(env, array, i);
        const char *utf = (*env)->GetStringUTFChars(env, s, NULL);
        if (utf == NULL) {
            return NULL;
        }
        out[i] = strdup(utf);
        (*env)->ReleaseStringUTFChars(env, s, utf);
        (*env)->DeleteLocalRef(env, s);
        if (out[i] == NULL) {
            return NULL;
        }
    }
    return out;
}

/*
 * Descriptors the JVM opened without close-on-exec (the jar, a debugger's socket) would stay open
 * in the new program for good; standard input, output and error are kept.
 */
static void close_on_exec_above_stderr(void) {
    DIR *fds = opendir("/proc/self/fd");
    if (fds == NULL) {
        return;
    }
    int own = dirfd(fds);
    for (struct dirent *e; (e = readdir(fds)) != NULL;) {
        int fd = atoi(e->d_name);
        if (fd > 2 && fd != own) {
            fcntl(fd, F_SETFD, FD_CLOEXEC);
        }
    }
    closedir(fds);
}

JNIEXPORT jstring JNICALL Java_io_lightgate_launcher_InPlaceExec_exec(JNIEnv *env, jclass cls, jstring program,
        jobjectArray argv, jobjectArray envp) {
    const char *file = (*env)->GetStringUTFChars(env, program, NULL);
    char **args = copy_strings(env, argv);
    char **vars = copy_strings(env, envp);
    if (file == NULL || args == NULL || vars == NULL) {
        return (*env)->NewStringUTF(env, "out of memory");
    }
    close_on_exec_above_stderr();
    /* execve keeps the calling thread's signal mask: a JVM thread blocks signals the new JVM needs (SIGQUIT) */
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, NULL);
    execve(file, args, vars);
    int error = errno;
    (*env)->ReleaseStringUTFChars(env, program, file);
    return (*env)->NewStringUTF(env, strerror(error));
}
