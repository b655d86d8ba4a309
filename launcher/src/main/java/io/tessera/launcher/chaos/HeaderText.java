package io.tessera.launcher.chaos;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;

/** Reads a record header as the text the wire format puts there (UTF-8). */
final class HeaderText {

    private HeaderText() {
    }

    /** The last header of that name as text; null when there is none or it has no value. */
    static String of(Iterable<Header> headers, String name) {
        Header last = null;
        for (Header h : headers) {
            if (h.key().equals(name)) {
                last = h;
            }
        }
        return last == null || last.value() == null ? null : new String(last.value(), StandardCharsets.UTF_8);
    }
}
