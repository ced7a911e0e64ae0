package org.dsa110.contimg.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The levels of {@code --log-level}, the flag beside {@code CONTIMG_LOG_LEVEL}: the pipeline's own loggers
 * ({@code org.dsa110.contimg}) at this level; Kafka's and jhdf's keep the configuration's (warnings only).
 */
public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE;

    /** Sets the pipeline's loggers to this level, over what the logging configuration said. */
    public void apply() {
        if (LoggerFactory.getLogger("org.dsa110.contimg") instanceof Logger pipeline) {
            pipeline.setLevel(Level.toLevel(name()));
        }
    }
}
