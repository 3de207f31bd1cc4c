package io.plausiblewebhooks.domain;

import java.util.regex.Pattern;

/**
 * Plausible's page-path goal patterns: {@code *} matches within one path segment, {@code **}
 * across segments; everything else is literal.
 */
public final class PathPattern {
    private PathPattern() {
    }

    public static boolean matches(String pattern, String path) {
        return toRegex(pattern).matcher(path).matches();
    }

    /** The same pattern as a POSIX regular expression, for use in SQL ({@code ~}). */
    public static String toSqlRegex(String pattern) {
        return "^" + translate(pattern) + "$";
    }

    private static Pattern toRegex(String pattern) {
        return Pattern.compile(translate(pattern));
    }

    private static String translate(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                } else {
                    regex.append("[^/]*");
                }
            } else if ("\\.[]{}()<>+-?^$|=!:,#&~%@'\" ".indexOf(c) >= 0) {
                regex.append('\\').append(c);
            } else {
                regex.append(c);
            }
        }
        return regex.toString();
    }
}
