package io.tessera.model.cli;

import io.tessera.model.resnet.ResNetSize;
import io.tessera.model.resnet.ResNetArchitecture;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints parameters and GFLOPs of the ResNet family, computed by building each graph. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Trainable parameters and GFLOPs (multiply-adds) of ResNet18/34/50/101/152, from the built graphs.")
public final class InfoCommand implements Callable<Integer> {
    @Option(names = "--classes", defaultValue = "1000", description = "Classes of the dense head (default: ${DEFAULT-VALUE}, the ImageNet reference).")
    int classes;

    @Option(names = "--input-size", defaultValue = "224", description = "Input height and width for the GFLOPs (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--depth", split = ",", description = "Depths to show (default: all of 18,34,50,101,152).")
    List<Integer> depths;

    @Override
    public Integer call() {
        System.out.printf("%-10s %10s %14s %10s   (%d classes, %dx%d input)%n", "model", "blocks", "parameters",
                "GFLOPs", classes, inputSize, inputSize);
        for (int depth : depths == null ? ResNetArchitecture.DEPTHS : depths) {
            ResNetArchitecture arch = ResNetArchitecture.of(depth);
            ResNetSize info = ResNetSize.of(depth, classes, inputSize);
            System.out.printf("%-10s %10s %12.1f M %10.2f   (%,d parameters, %s blocks)%n", arch.name(),
                    arch.stageBlocks().toString().replace(" ", ""), info.millionParams(), info.gflops(), info.params(),
                    arch.bottleneck() ? "bottleneck" : "basic");
        }
        System.out.println("GFLOPs count multiply-adds of convolutions and the dense layer (torchvision convention). The reference");
        System.out.println("table's 3.6 (ResNet34) and 11.6 (ResNet152) come from sources that count slightly differently;"
                + " all five agree within 0.1.");
        return 0;
    }
}
