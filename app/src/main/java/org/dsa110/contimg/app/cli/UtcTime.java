package org.dsa110.contimg.app.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A time on the command line, always UTC: {@code 2025-11-04}, {@code 2025-11-04T10:15:00} or with a {@code Z}. */
public final class UtcTime implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text.toUpperCase());
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException(
                    "'" + text + "' is not a UTC time (2025-11-04, 2025-11-04T10:15:00 " + "or 2025-11-04T10:15:00Z)");
        }
    }
}
