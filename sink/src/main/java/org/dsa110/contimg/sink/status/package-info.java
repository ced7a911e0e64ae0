/**
 * The pipeline's status as the old pointing monitor reported it: {@link
 * org.dsa110.contimg.sink.status.PipelineMonitor} reads {@code contimg.outcomes} and {@code contimg.status},
 * judges health, and writes the {@code pointing-monitor} snapshot to {@code contimg.status} and the status file.
 */
package org.dsa110.contimg.sink.status;
