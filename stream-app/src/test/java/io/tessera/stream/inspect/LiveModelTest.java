package io.tessera.stream.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.model.ModelCard;
import io.tessera.model.TileBatch;
import io.tessera.model.TileClassifier;
import io.tessera.testing.BrightnessClassifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveModelTest {
    private final List<String> closed = new ArrayList<>();

    @Test
    void framesUnderWayFinishOnTheOldModelWhichClosesWhenTheLastReturnsIt() {
        ServingModel a = model("a", 1);
        ServingModel b = model("b", 2);
        LiveModel live = new LiveModel(a);
        LiveModel.Lease first = live.acquire();
        LiveModel.Lease second = live.acquire();

        live.swap(b);

        assertThat(live.current()).isSameAs(b);
        assertThat(live.acquire().model()).as("a frame starting now").isSameAs(b);
        assertThat(first.model()).as("a frame under way keeps its model").isSameAs(a);
        assertThat(closed).isEmpty();
        first.close();
        first.close(); // returned twice counts once
        assertThat(closed).isEmpty();
        second.close();
        assertThat(closed).containsExactly("a");
    }

    @Test
    void aModelNoFrameHoldsClosesAtTheSwap() {
        LiveModel live = new LiveModel(model("a", 1));
        List<ServingModel> seen = new ArrayList<>();
        live.onSwap(seen::add);
        ServingModel b = model("b", 2);

        live.swap(b);

        assertThat(closed).containsExactly("a");
        assertThat(seen).containsExactly(b);
    }

    @Test
    void closingClosesEveryModelAndLeasesNoMore() {
        LiveModel live = new LiveModel(model("a", 1));
        LiveModel.Lease held = live.acquire();
        live.swap(model("b", 2));

        live.close();

        assertThat(closed).containsExactlyInAnyOrder("a", "b");
        assertThatThrownBy(live::acquire).isInstanceOf(IllegalStateException.class);
        held.close();
        assertThat(closed).as("not closed twice").hasSize(2);
    }

    private ServingModel model(String name, long generation) {
        TileClassifier classifier = new TileClassifier() {
            @Override
            public ModelCard card() {
                return BrightnessClassifier.testCard();
            }

            @Override
            public float[] classify(TileBatch batch) {
                return new float[batch.count()];
            }

            @Override
            public void close() {
                closed.add(name);
            }
        };
        ModelCard card = classifier.card();
        return ServingModel.of(generation, classifier, card.tiling(), card.threshold(), null, false);
    }
}
