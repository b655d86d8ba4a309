package io.tessera.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shutdown hook's part, run on a thread of the test's own (the real hook runs at the JVM's exit). */
class StopOnInterruptTest {

    @Test
    void theHookRequestsAStopAndHoldsTheShutdownUntilTheRunIsClosed() throws Exception {
        StopOnInterrupt stop = new StopOnInterrupt(60);
        assertThat(stop.getAsBoolean()).isFalse();
        Thread hook = new Thread(stop::onShutdown);

        hook.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!stop.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(stop.getAsBoolean()).isTrue();
        hook.join(200);
        assertThat(hook.isAlive()).as("the hook waits for the run to close").isTrue();

        stop.close();
        hook.join(10_000);
        assertThat(hook.isAlive()).isFalse();
    }

    @Test
    void theHookGivesUpWaitingAfterItsHoldTime() throws Exception {
        StopOnInterrupt stop = new StopOnInterrupt(0);
        Thread hook = new Thread(stop::onShutdown);

        hook.start();
        hook.join(10_000);

        assertThat(hook.isAlive()).isFalse();
        assertThat(stop.getAsBoolean()).isTrue();
    }
}
