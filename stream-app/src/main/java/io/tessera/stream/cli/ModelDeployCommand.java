package io.tessera.stream.cli;

import io.tessera.protocol.ModelDeployment;
import io.tessera.protocol.ModelTopics;
import io.tessera.stream.app.ClassifierFactory;
import io.tessera.stream.app.TensorFlowClassifiers;
import io.tessera.stream.deploy.ModelDeployer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tessera model deploy}: puts a checked model on the control topic; running instances switch to it. */
@Command(name = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Deploys a model to a running inspect application without a restart.",
            "The folder is checked first as an instance will check it: model card, SavedModel signature, the precision self-check"
                    + " on its reference tiles (at model.precision) and a sha256 checksum over its files. Then its record goes to the"
                    + " compacted control topic <prefix>models, keyed by the application id. Every instance of that application"
                    + " loads it in the background, checks the checksum again, warms it at its batch sizes and switches between"
                    + " frames: frames under way finish on the old model, new frames use the new one, and verdicts carry the"
                    + " version that decided them. An instance that cannot load it keeps serving the old model and says why on"
                    + " <prefix>models.status. A restarted instance serves the deployed model, not model.path.",
            "The folder must be readable at the same path on every instance (a shared or identical file system).",
            ""},
        footer = {"", "Example: tessera model deploy --model /srv/models/pitting-resnet34-v2 --application-id tessera-inspect",
            "Undo: tessera model rollback --application-id tessera-inspect"})
public final class ModelDeployCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", required = true, description = "The model folder to deploy.")
    private Path model;

    @Option(names = "--threshold", paramLabel = "P", description = "Serve with this decision threshold (default: the model card's).")
    private Double threshold;

    @Mixin
    private SiteOptions site;

    private final ClassifierFactory classifiers;

    public ModelDeployCommand() {
        this(TensorFlowClassifiers::load);
    }

    public ModelDeployCommand(ClassifierFactory classifiers) {
        this.classifiers = classifiers;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return site.run("model deploy", spec.commandLine().getErr(), config -> {
            ModelDeployment d = new ModelDeployer(config, classifiers, Clock.systemUTC()).deploy(model, threshold);
            ModelTopics topics = ModelTopics.withPrefix(config.topicPrefix());
            out.printf("deployed %s %s (%s) to %s on %s%s%n", d.name(), d.version(), d.checksum(), d.applicationId(),
                    topics.deployments().name(),
                    d.previous() == null ? "" : "; replaces " + d.previous().name() + " " + d.previous().version());
            out.println("instances report on " + topics.status().name());
            return 0;
        });
    }
}
