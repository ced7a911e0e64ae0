/**
 * The sink: {@link org.dsa110.contimg.sink.PointingSink} reads {@code contimg.pointing} into
 * {@link org.dsa110.contimg.sink.PointingStore} ({@code pointing_history} in SQLite), exactly once in effect
 * (offsets committed after the database, upserts); {@link org.dsa110.contimg.sink.PointingReplay} rebuilds a
 * database from the topic; {@link org.dsa110.contimg.sink.PointingHistory} reads it for the API.
 * {@code status} holds the pipeline's status (the {@code pointing-monitor} snapshot and the status file),
 * {@code http} the HTTP API.
 */
package org.dsa110.contimg.sink;
