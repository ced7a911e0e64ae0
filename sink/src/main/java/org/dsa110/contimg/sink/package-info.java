/**
 * The sink: {@link org.dsa110.contimg.sink.PointingStore} keeps {@code pointing_history} in SQLite. Still to
 * come (issue 5): the {@code contimg.pointing} consumer that feeds it, the status snapshots and status file, and
 * the HTTP API.
 */
package org.dsa110.contimg.sink;
