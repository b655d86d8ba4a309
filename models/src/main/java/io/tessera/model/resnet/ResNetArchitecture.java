package io.tessera.model.resnet;

import java.util.List;

/**
 * One member of the ResNet family (He et al. 2015, "Deep Residual Learning"), as the reference
 * table has it: depths 18 and 34 stack basic blocks (two 3x3 convolutions), 50, 101 and 152
 * stack bottleneck blocks (1x1, 3x3, 1x1 with a 4x expansion; stride on the 3x3, "v1.5").
 *
 * @param stageBlocks blocks in each of the four stages
 */
public record ResNetArchitecture(int depth, List<Integer> stageBlocks, boolean bottleneck) {
    public static final List<Integer> DEPTHS = List.of(18, 34, 50, 101, 152);
    static final int[] STAGE_WIDTHS = {64, 128, 256, 512};

    public ResNetArchitecture {
        if (stageBlocks.size() != 4) {
            throw new IllegalArgumentException("a ResNet has 4 stages, got " + stageBlocks);
        }
        stageBlocks = List.copyOf(stageBlocks);
    }

    public static ResNetArchitecture of(int depth) {
        return switch (depth) {
            case 18 -> new ResNetArchitecture(18, List.of(2, 2, 2, 2), false);
            case 34 -> new ResNetArchitecture(34, List.of(3, 4, 6, 3), false);
            case 50 -> new ResNetArchitecture(50, List.of(3, 4, 6, 3), true);
            case 101 -> new ResNetArchitecture(101, List.of(3, 4, 23, 3), true);
            case 152 -> new ResNetArchitecture(152, List.of(3, 8, 36, 3), true);
            default -> throw new IllegalArgumentException("ResNet depth must be one of " + DEPTHS + ", got " + depth);
        };
    }

    /** Channels out of a block relative to its stage width. */
    public int expansion() {
        return bottleneck ? 4 : 1;
    }

    /** Channels into the classifier head. */
    public int featureChannels() {
        return STAGE_WIDTHS[3] * expansion();
    }

    public String name() {
        return "ResNet" + depth;
    }
}
