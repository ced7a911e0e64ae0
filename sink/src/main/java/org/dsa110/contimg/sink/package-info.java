/**
 * The sink, composed by {@link org.dsa110.contimg.sink.SinkService}: {@code write} reads {@code contimg.pointing} and
 * {@code contimg.calibrator-transits} into the database, exactly once in effect (offsets committed after the
 * database, upserts), and rebuilds a database from the topics; {@code store} is the database itself
 * ({@code pointing_history} and {@code calibrator_transits} in SQLite) and its read-only queries; {@code status} is
 * the pipeline's status (the {@code pointing-monitor} snapshot and the status file); {@code http} the HTTP API.
 */
package org.dsa110.contimg.sink;
