package org.dsa110.contimg.contract.service;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of a service's own, named {@code contimg-<what>} so a thread dump says whose they are, and daemons so
 * they never keep a stopping JVM alive: every service closes them itself, from {@link Service#close()}.
 */
public final class DaemonThreads implements ThreadFactory {

    private final String name;
    private final AtomicInteger count = new AtomicInteger();

    private DaemonThreads(String name) {
        this.name = name;
    }

    /** Threads named {@code name}, then {@code name-2}, {@code name-3}, ... for a pool. */
    public static DaemonThreads named(String name) {
        return new DaemonThreads(name);
    }

    @Override
    public Thread newThread(Runnable runnable) {
        int n = count.incrementAndGet();
        Thread thread = new Thread(runnable, n == 1 ? name : name + "-" + n);
        thread.setDaemon(true);
        return thread;
    }
}
