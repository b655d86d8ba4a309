package io.tessera.stream.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.protocol.Verdict;

/**
 * Verdicts counted as readers see them: read back from the verdicts topic with read_committed,
 * so each frame counts once. The inspection meters ({@code tessera.inspect.verdicts}) count
 * when a verdict is produced, and a transaction that aborts (a crash, a fenced producer, a
 * rebalance) has its frames produced and counted again; rates for people belong here.
 */
public final class CommittedVerdicts {
    public static final String NAME = "tessera.verdicts.committed";

    private final MeterRegistry registry;
    private final BoundedTagValues lines = new BoundedTagValues(InspectionMetrics.MAX_LINE_TAGS);

    public CommittedVerdicts(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Verdict verdict) {
        Counter.builder(NAME).description("verdicts committed to the verdicts topic, each frame once")
                .tag("decision", verdict.decision().name()).tag("line", lines.of(verdict.lineId()))
                .register(registry).increment();
    }
}
