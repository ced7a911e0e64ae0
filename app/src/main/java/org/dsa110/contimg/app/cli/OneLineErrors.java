package org.dsa110.contimg.app.cli;

import org.dsa110.contimg.contract.OneLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one readable line on standard error and exit status 1: operators read these in
 * a terminal or the journal, where a stack trace hides the reason. The trace is still logged at DEBUG.
 */
public final class OneLineErrors implements IExecutionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(OneLineErrors.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        log.debug("{} failed", command.getCommandName(), e);
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": error: " + OneLine.of(e));
        command.getErr().flush();
        return 1;
    }
}
