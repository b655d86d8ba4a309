package io.tessera.launcher;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports a command's failure as one line naming the command and the reason, which is what an
 * operator can act on; the stack trace only when asked for ({@code -Dtessera.stacktrace=true}) or
 * when the exception has no message to show.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    static final String STACKTRACE_PROPERTY = "tessera.stacktrace";
    static final int EXIT_FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        String message = e.getMessage();
        boolean trace = Boolean.getBoolean(STACKTRACE_PROPERTY) || message == null || message.isBlank();
        err.println(command.getCommandSpec().qualifiedName() + ": " + (message == null ? e.getClass().getName() : message));
        if (trace) {
            e.printStackTrace(err);
        } else {
            err.println("(stack trace: TESSERA_JAVA_OPTS=-D" + STACKTRACE_PROPERTY + "=true)");
        }
        err.flush();
        return EXIT_FAILURE;
    }
}
