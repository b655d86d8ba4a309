package io.tessera.stream.health;

import java.util.List;

/**
 * Whether the app can decide frames now, and what each part says.
 *
 * @param problems why it cannot (empty when healthy), one line each
 * @param facts    the state of each part, one line each, healthy or not
 */
public record Health(List<String> problems, List<String> facts) {
    public Health {
        problems = List.copyOf(problems);
        facts = List.copyOf(facts);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The {@code /healthz} body: {@code ok} or {@code unhealthy}, the problems, then the facts. */
    public String body() {
        StringBuilder b = new StringBuilder(ok() ? "ok\n" : "unhealthy\n");
        problems.forEach(p -> b.append("problem: ").append(p).append('\n'));
        facts.forEach(f -> b.append(f).append('\n'));
        return b.toString();
    }
}
