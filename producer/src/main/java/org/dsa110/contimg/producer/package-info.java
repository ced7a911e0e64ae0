/**
 * The file-event producer: watches the data root, the incoming directory and the scratch directory, and publishes
 * one {@link org.dsa110.contimg.contract.FileEvent} per observed change to {@code contimg.fs-events}, keyed by
 * absolute path: {@link org.dsa110.contimg.producer.ProducerService} (start-up scan, live watching with the JDK
 * {@code WatchService}, overflow rescans, polling fallback) and {@link org.dsa110.contimg.producer.Backfill}
 * (historical UVH5 files on request). It only reads the filesystem.
 */
package org.dsa110.contimg.producer;
