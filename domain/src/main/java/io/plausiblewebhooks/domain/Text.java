package io.plausiblewebhooks.domain;

/** Small checks on user-supplied text shared by value objects. */
final class Text {
    private Text() {
    }

    /** True for C0/C1 controls (incl. NUL, CR, LF) and bidirectional overrides, which have no place in names. */
    static boolean hasControlCharacter(String value) {
        return value.codePoints().anyMatch(c -> Character.isISOControl(c)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
    }
}
