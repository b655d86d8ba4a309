package io.tessera.launcher.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.launcher.compare.Requirement.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequirementTest {

    @Test
    void parsesTheIssuesExample() {
        List<Requirement> rules = Requirement.parseAll("escape<=0.05,frr<=0.01,flips<=3");

        assertThat(rules).extracting(Requirement::metric, Requirement::op, Requirement::limit).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Metric.ESCAPE, Op.AT_MOST, 0.05),
                org.assertj.core.groups.Tuple.tuple(Metric.FRR, Op.AT_MOST, 0.01),
                org.assertj.core.groups.Tuple.tuple(Metric.FLIPS, Op.AT_MOST, 3.0));
        assertThat(rules.get(0).text()).isEqualTo("escape<=0.05");
    }

    @Test
    void acceptsEveryOperatorSpacesPercentagesAndCase() {
        assertThat(Requirement.parse(" AUC >= 0.9 ")).extracting(Requirement::metric, Requirement::op, Requirement::limit)
                .containsExactly(Metric.AUC, Op.AT_LEAST, 0.9);
        assertThat(Requirement.parse("agreement>99%").limit()).isEqualTo(0.99, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Requirement.parse("agreement>99%").op()).isEqualTo(Op.ABOVE);
        assertThat(Requirement.parse("flips-to-ok<1").op()).isEqualTo(Op.BELOW);
        assertThat(Requirement.parse("escape-change<=-0.5%").limit()).isEqualTo(-0.005, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Requirement.parse("frr-upper<=.1").limit()).isEqualTo(0.1);
    }

    @Test
    void everyMetricHasAKeyTheParserKnows() {
        for (Metric m : Metric.values()) {
            assertThat(Requirement.parse(m.key() + "<=1").metric()).isEqualTo(m);
        }
    }

    @Test
    void anUnknownMetricIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> Requirement.parseAll("escape<=0.05,recall>=0.9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown metric 'recall'")
                .hasMessageContaining("escape, escape-upper, frr");
    }

    @Test
    void badNumbersAreRefusedSayingWhy() {
        assertThatThrownBy(() -> Requirement.parse("escape<=five")).hasMessageContaining("'five' is not a number")
                .hasMessageContaining("0.05 or 5%");
        assertThatThrownBy(() -> Requirement.parse("escape<=NaN")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> Requirement.parse("escape<=")).hasMessageContaining("'' is not a number");
        assertThatThrownBy(() -> Requirement.parse("escape<=5")).hasMessageContaining("fraction in [-1, 1]")
                .hasMessageContaining("5%");
        assertThatThrownBy(() -> Requirement.parse("flips<=10%")).hasMessageContaining("count of frames");
        assertThatThrownBy(() -> Requirement.parse("flips<=1.5")).hasMessageContaining("not a whole number");
    }

    @Test
    void malformedRulesAreRefusedWithTheGrammar() {
        assertThatThrownBy(() -> Requirement.parseAll("")).hasMessageContaining("--require is empty").hasMessageContaining("RULE");
        assertThatThrownBy(() -> Requirement.parseAll("escape<=0.05,,flips<=1")).hasMessageContaining("empty rule");
        assertThatThrownBy(() -> Requirement.parseAll("escape<=0.05,")).hasMessageContaining("empty rule");
        assertThatThrownBy(() -> Requirement.parse("escape 0.05")).hasMessageContaining("has no operator");
        assertThatThrownBy(() -> Requirement.parse("escape=0.05")).hasMessageContaining("'=' is no operator");
        assertThatThrownBy(() -> Requirement.parse("<=0.05")).hasMessageContaining("unknown metric ''");
    }

    @Test
    void operatorsCompareAsWritten() {
        assertThat(Op.AT_MOST.holds(0.05, 0.05)).isTrue();
        assertThat(Op.BELOW.holds(0.05, 0.05)).isFalse();
        assertThat(Op.AT_LEAST.holds(0.9, 0.9)).isTrue();
        assertThat(Op.ABOVE.holds(0.9, 0.9)).isFalse();
    }
}
