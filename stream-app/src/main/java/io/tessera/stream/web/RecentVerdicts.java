package io.tessera.stream.web;

import io.tessera.protocol.Verdict;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The latest verdicts, so a page opened mid-shift starts with a filled feed. */
final class RecentVerdicts {
    private final int capacity;
    private final Deque<Verdict> verdicts = new ArrayDeque<>();

    RecentVerdicts(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(Verdict verdict) {
        verdicts.addLast(verdict);
        while (verdicts.size() > capacity) {
            verdicts.removeFirst();
        }
    }

    /** Oldest first. */
    synchronized List<Verdict> list() {
        return new ArrayList<>(verdicts);
    }
}
