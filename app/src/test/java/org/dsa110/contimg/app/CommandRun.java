package org.dsa110.contimg.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One {@code contimg ARGS} run in this JVM as {@code main} runs it: its exit status, standard output and error. */
record CommandRun(int status, String out, String err) {

    static CommandRun run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        CommandLine commandLine = Contimg.commandLine();
        commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new CommandRun(status, out.toString(), err.toString());
    }
}
