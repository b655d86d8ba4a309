package io.tessera.gate.kafka;

import java.util.Set;
import java.util.TreeSet;

/**
 * Notices a gate configured for a line that the topic does not carry (a typo in {@code --line}
 * looks exactly like a quiet line otherwise): after {@code patience} valid results of other lines
 * and none of its own, it says so once, naming the lines it did see.
 */
public final class LineWatch {
    private static final int MAX_NAMES = 20;

    private final String line;
    private final int patience;
    private final Set<String> others = new TreeSet<>();
    private long otherResults;
    private boolean seenMine;
    private boolean warned;

    public LineWatch(String line, int patience) {
        this.line = line;
        this.patience = patience;
    }

    public void mine() {
        seenMine = true;
    }

    /** A result of another line; returns the warning to log when it is time for one, else null. */
    public String other(String otherLine) {
        otherResults++;
        if (others.size() < MAX_NAMES) {
            others.add(String.valueOf(otherLine));
        }
        if (seenMine || warned || otherResults < patience) {
            return null;
        }
        warned = true;
        return "no result for line '" + line + "' among the first " + otherResults + " results read; lines seen: " + others
                + " (check --line)";
    }
}
