package com.erasureworker.privacy;

import java.util.regex.Pattern;

/**
 * Removes what looks like personal data from free text that came from outside (Dixa error messages, exception
 * messages) before it is stored or logged: e-mail addresses and long digit runs such as phone numbers.
 */
public final class Redaction {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ()./-]{6,}\\d");
    private static final int MAX_LENGTH = 300;

    private Redaction() {
    }

    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = PHONE.matcher(EMAIL.matcher(text).replaceAll("[email]")).replaceAll("[number]");
        return scrubbed.length() <= MAX_LENGTH ? scrubbed : scrubbed.substring(0, MAX_LENGTH) + "…";
    }
}
