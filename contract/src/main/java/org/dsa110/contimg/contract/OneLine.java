package org.dsa110.contimg.contract;

/**
 * Errors as operators read them: one line, in a terminal, the journal or an outcome's {@code detail}. A stack
 * trace or a multi-line library message hides the reason; these keep it and drop the line breaks.
 */
public final class OneLine {

    private OneLine() {}

    /** The text with every run of whitespace, line breaks included, made one space. */
    public static String of(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** The exception's message on one line, or its class name when it has none. */
    public static String of(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : of(e.getMessage());
    }
}
