package io.tessera.stream.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tag values taken from records (a frame's line header) are chosen by whoever writes to the
 * topic: every new value is a new time series in Prometheus. The first {@code max} values seen
 * are kept as they are; any later one is reported as {@value #OTHER}.
 */
public final class BoundedTagValues {
    static final String OTHER = "other";

    private final int max;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public BoundedTagValues(int max) {
        this.max = max;
    }

    public String of(String value) {
        if (value == null) {
            return OTHER;
        }
        if (seen.contains(value)) {
            return value;
        }
        synchronized (seen) {
            if (seen.size() < max) {
                seen.add(value);
                return value;
            }
        }
        return seen.contains(value) ? value : OTHER;
    }
}
