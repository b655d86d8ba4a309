package io.tessera.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChaosReportTest {

    private static AuditResult clean() {
        return new AuditResult(100, 100, 0, 0, 0, 0, 0, 0, 13, 13, 0, 0, 0, new Stall(2, 1000, 9000), new Stall(2, 1000, 9000), null,
                java.util.List.of(new AuditResult.CausedStall(new Stall(2, 1000, 9000), "kill")));
    }

    @Test
    void theJsonHasEveryDocumentedField() {
        String json = new ChaosReport(clean(), 3, 1, 7_300, 0, 7, 2, 120_000, 0).toJson();
        for (String field : new String[] {"frames", "verdicts", "duplicates", "missing", "alertsMissing", "alertsDuplicated",
            "dlqExpected", "dlqFound", "dlqWrongReason", "kills", "brokerRestarts", "maxStallMs", "maxBrokerAwayMs", "passed"}) {
            assertThat(json).contains("\"" + field + "\":");
        }
        assertThat(json).startsWith("{\"frames\":100,").contains("\"maxStallMs\":8000").endsWith("\"passed\":true}");
    }

    @Test
    void anInstanceDyingOnItsOwnFailsTheRun() {
        ChaosReport report = new ChaosReport(clean(), 3, 1, 7_300, 1, 7, 2, 120_000, 0);
        assertThat(report.passed()).isFalse();
        assertThat(report.toText()).startsWith("FAILED").contains("1 exit(s) not caused by this run");
    }

    @Test
    void theTextNamesTheLongestStallAndItsPartition() {
        String text = new ChaosReport(clean(), 3, 1, 7_300, 0, 7, 2, 120_000, 0).toText();
        assertThat(text).startsWith("PASSED").contains("8.0 s on frames partition 2 (from 1.0 s into the run)").contains("after a kill").contains("after a broker restart: none");
    }

    @Test
    void theBrokersOwnOutageIsReportedBesideTheStallsSoWhatTheAppAddsCanBeRead() {
        ChaosReport report = new ChaosReport(clean(), 3, 2, 7_300, 0, 7, 2, 120_000, 0);

        assertThat(report.toJson()).contains("\"maxBrokerAwayMs\":7300");
        assertThat(report.toText()).contains("broker away:").contains("7.3 s at most");
        assertThat(new ChaosReport(clean(), 3, 0, 0, 0, 7, 2, 120_000, 0).toText()).doesNotContain("broker away");
    }
}
