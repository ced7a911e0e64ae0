/**
 * The sink's read-only HTTP API (JDK {@code HttpServer}, loopback by default): the status file, the pointing
 * history, a health check.
 */
package org.dsa110.contimg.sink.http;
