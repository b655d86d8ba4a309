package io.tessera.stream.cli;

import io.tessera.protocol.ModelDeployment;
import io.tessera.stream.app.TensorFlowClassifiers;
import io.tessera.stream.deploy.ModelDeployer;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tessera model rollback}: deploys again the model the current deployment replaced. */
@Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Deploys again the model that the application's current deployment replaced (one step back; a second"
                + " rollback returns to the model rolled back from). Instances switch as for deploy.", ""})
public final class ModelRollbackCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private SiteOptions site;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return site.run("model rollback", spec.commandLine().getErr(), config -> {
            ModelDeployment d = new ModelDeployer(config, TensorFlowClassifiers::load, Clock.systemUTC()).rollback();
            out.printf("rolled %s back to %s %s (%s)%n", d.applicationId(), d.name(), d.version(), d.checksum());
            return 0;
        });
    }
}
