package io.tessera.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command's {@code --help}, rendered the way a user sees it: no picocli warning (an
 * unescaped {@code %} in a description is one), and no sentence cut into odd lines. Picocli prints
 * each element of a description array on a line of its own and wraps long ones, so an element that
 * stops mid-sentence, followed by one that goes on in lower case, shows as a ragged fragment.
 */
class HelpRenderingTest {

    /** An element that goes on a sentence the previous element did not finish. */
    private static final Pattern CONTINUES_SENTENCE = Pattern.compile("^[a-z(]");

    @Test
    void everyCommandRendersItsHelpWithoutWarnings() {
        List<CommandLine> commands = allCommands(TesseraCli.commandLine());
        assertThat(commands).hasSizeGreaterThan(10);
        for (CommandLine command : commands) {
            String help = renderCapturingStderr(command);
            assertThat(help).as("help of '%s'", command.getCommandSpec().qualifiedName())
                    .doesNotContain("[picocli WARN]").doesNotContain("Could not format").contains("Usage: ");
        }
    }

    @Test
    void noDescriptionIsCutMidSentence() {
        List<String> cut = new ArrayList<>();
        for (CommandLine command : allCommands(TesseraCli.commandLine())) {
            CommandSpec spec = command.getCommandSpec();
            collectCuts(spec.qualifiedName(), spec.usageMessage().description(), cut);
            for (ArgSpec arg : spec.args()) {
                collectCuts(spec.qualifiedName() + " " + arg.paramLabel(), arg.description(), cut);
            }
        }
        assertThat(cut).as("description lines that continue the previous line's sentence").isEmpty();
    }

    @Test
    void detectsACutSentenceAndAnUnescapedPercent() {
        List<String> cut = new ArrayList<>();
        collectCuts("x", new String[] {"rates (95% Wilson intervals,", "with counts) at the threshold."}, cut);
        assertThat(cut).hasSize(1);
        CommandLine bad = new CommandLine(CommandSpec.create().name("bad")
                .usageMessage(new CommandLine.Model.UsageMessageSpec().description("rates (95% Wilson intervals)")));
        assertThat(renderCapturingStderr(bad)).contains("[picocli WARN]");
    }

    private static void collectCuts(String where, String[] description, List<String> cut) {
        for (int i = 1; i < description.length; i++) {
            String previous = description[i - 1].strip();
            if (!previous.isEmpty() && CONTINUES_SENTENCE.matcher(description[i]).find()) {
                cut.add(where + ": '" + previous + "' / '" + description[i] + "'");
            }
        }
    }

    private static List<CommandLine> allCommands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!all.contains(sub)) {
                all.addAll(allCommands(sub).stream().filter(c -> !all.contains(c)).toList());
            }
        }
        return all;
    }

    /** The usage text plus whatever picocli's tracer wrote to stderr while making it. */
    private static String renderCapturingStderr(CommandLine command) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            capture.flush();
            return err.toString(StandardCharsets.UTF_8) + usage;
        } finally {
            System.setErr(original);
        }
    }
}
