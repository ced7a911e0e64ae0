/**
 * The file-event producer: watches the data root, the incoming directory and the scratch directory, and publishes
 * one {@link org.dsa110.contimg.events.FileEvent} per observed change to {@code contimg.fs-events}, keyed by
 * absolute path. It only reads the filesystem.
 *
 * <p>Built by issue 3 (startup scan, live watching with the JDK {@code WatchService}, overflow rescans, polling
 * fallback); this module holds no code yet.
 */
package org.dsa110.contimg.producer;
