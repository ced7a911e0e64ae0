/**
 * The sink: consumes {@code contimg.pointing} into the SQLite {@code pointing_history} table, consumes
 * {@code contimg.outcomes} and the components' snapshots, publishes the pipeline's status to
 * {@code contimg.status} and the status file, and serves the HTTP API.
 *
 * <p>Built by issue 5; this module holds no code yet.
 */
package org.dsa110.contimg.sink;
