package io.tessera.model.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tessera model ...}: build, train, export, calibrate and evaluate defect classifiers. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Defect classifier: ResNet family facts, training, export, calibration and evaluation.",
        subcommands = {InfoCommand.class, TrainCommand.class, ExportCommand.class, CalibrateCommand.class,
            EvalCommand.class, CvCommand.class, ReferenceTilesCommand.class})
public final class ModelCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command on its own (the launcher mounts it as {@code tessera model}). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ModelCommand()).execute(args));
    }
}
