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

    /**
     * Text that came from outside (a file's bytes in an error message) made one printable line of at most
     * {@code max} characters: whitespace runs become one space, other control and unprintable characters {@code ?},
     * and a longer text ends in an ellipsis.
     */
    public static String printable(String text, int max) {
        String line = of(text).replaceAll("[\\p{C}\uFFFD]", "?");
        return line.length() <= max ? line : line.substring(0, max - 1) + "\u2026";
    }

    /** The exception's message on one line, or its class name when it has none. */
    public static String of(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : of(e.getMessage());
    }
}
