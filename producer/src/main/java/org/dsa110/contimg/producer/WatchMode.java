package org.dsa110.contimg.producer;

/**
 * How the producer sees changes: {@link #INOTIFY} while every directory is watched live, {@link #POLLING} once
 * watching failed (no inotify instance, a registration refused), until a retry brings it back. The label is what the
 * status's {@code watch_mode} and the {@code mode} label of {@code contimg_producer_watch_mode} say.
 */
public enum WatchMode {
    INOTIFY("inotify"),
    POLLING("polling");

    private final String label;

    WatchMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
