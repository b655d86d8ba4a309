package io.tessera.launcher.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One rule of a promotion gate, e.g. {@code escape<=0.05}: a metric of the candidate, a
 * comparison and a limit.
 *
 * <p>Grammar of {@code --require}: {@code RULE[,RULE...]}, {@code RULE = METRIC OP NUMBER},
 * {@code OP} one of {@code <=}, {@code <}, {@code >=}, {@code >}; spaces are allowed around the
 * parts. {@code NUMBER} is a plain decimal number, or for a rate a percentage ({@code 5%} is
 * 0.05). A rate must lie in [-1, 1], a count must be a whole number.
 *
 * @param text the rule as written, for messages
 */
public record Requirement(Metric metric, Op op, double limit, String text) {

    /** How the candidate's value must compare with the limit. */
    public enum Op {
        AT_MOST("<="), BELOW("<"), AT_LEAST(">="), ABOVE(">");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean holds(double value, double limit) {
            return switch (this) {
                case AT_MOST -> value <= limit;
                case BELOW -> value < limit;
                case AT_LEAST -> value >= limit;
                case ABOVE -> value > limit;
            };
        }
    }

    /** The grammar in one line, for help and errors. */
    public static final String GRAMMAR = "RULE[,RULE...] with RULE = METRIC OP NUMBER, OP one of <= < >= >,"
            + " NUMBER a decimal number or, for a rate, a percentage (5% = 0.05)";

    /**
     * @throws IllegalArgumentException naming the rule at fault and what is wrong with it: an empty
     *     rule, no operator, an unknown metric (listing the known ones), a number that is not one
     */
    public static List<Requirement> parseAll(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--require is empty; expected " + GRAMMAR);
        }
        List<Requirement> rules = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            rules.add(parse(part));
        }
        return rules;
    }

    public static Requirement parse(String rule) {
        String text = rule.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("--require has an empty rule (two commas, or one at an end); expected " + GRAMMAR);
        }
        int at = -1;
        Op op = null;
        for (int i = 0; i < text.length() && op == null; i++) {
            char c = text.charAt(i);
            if (c == '<' || c == '>' || c == '=' || c == '!') {
                at = i;
                boolean orEqual = i + 1 < text.length() && text.charAt(i + 1) == '=';
                op = switch (c) {
                    case '<' -> orEqual ? Op.AT_MOST : Op.BELOW;
                    case '>' -> orEqual ? Op.AT_LEAST : Op.ABOVE;
                    default -> throw new IllegalArgumentException("--require rule '" + text + "': '" + c
                            + "' is no operator; use one of <= < >= >");
                };
            }
        }
        if (op == null) {
            throw new IllegalArgumentException("--require rule '" + text + "' has no operator; expected " + GRAMMAR);
        }
        String name = text.substring(0, at).trim();
        String number = text.substring(at + op.symbol().length()).trim();
        Metric metric = Metric.byKey(name).orElseThrow(() -> new IllegalArgumentException("--require rule '" + text
                + "': unknown metric '" + name + "'; known metrics: " + Metric.keys()));
        return new Requirement(metric, op, limit(text, metric, number), text);
    }

    private static double limit(String text, Metric metric, String number) {
        boolean percent = number.endsWith("%");
        String digits = percent ? number.substring(0, number.length() - 1).trim() : number;
        double value;
        try {
            // Only plain decimals: Double.parseDouble would also take "NaN", "Infinity" and "0x1p3".
            if (!digits.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
                throw new NumberFormatException();
            }
            value = Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--require rule '" + text + "': '" + number + "' is not a number"
                    + (metric.isRate() ? " (write a rate as 0.05 or 5%)" : ""));
        }
        if (percent) {
            if (!metric.isRate()) {
                throw new IllegalArgumentException("--require rule '" + text + "': " + metric.key()
                        + " is a count of frames; a percentage applies to rates only");
            }
            value /= 100;
        }
        if (metric.isRate() && (value < -1 || value > 1)) {
            throw new IllegalArgumentException("--require rule '" + text + "': " + metric.key() + " is a fraction in [-1, 1]; "
                    + number + " is outside it (write 5% or 0.05)");
        }
        if (!metric.isRate() && value != Math.rint(value)) {
            throw new IllegalArgumentException("--require rule '" + text + "': " + metric.key()
                    + " is a count of frames; " + number + " is not a whole number");
        }
        return value;
    }

    /** The rule checked against a comparison. */
    public RuleResult check(Comparison c) {
        return metric.valueIn(c)
                .map(v -> new RuleResult(this, v, op.holds(v, limit), null))
                .orElseGet(() -> new RuleResult(this, Double.NaN, false, metric.isRate() && metric != Metric.AGREEMENT
                        ? "n/a: the recording lacks the ground truth this figure needs"
                        : "n/a: no frame was decided by both models"));
    }

    @Override
    public String toString() {
        return metric.key() + op.symbol() + String.format(Locale.ROOT, "%s", limit);
    }
}
