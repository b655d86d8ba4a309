package io.tessera.stream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NewestOnlyTest {

    @Test
    void whileOneLoadsOnlyTheNewestOfThoseOfferedMeanwhileLoadsNext() throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        List<String> loaded = new ArrayList<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(2);
        NewestOnly<String> deploys = new NewestOnly<>(one, item -> {
            synchronized (loaded) {
                loaded.add(item);
            }
            firstStarted.countDown();
            try {
                if (item.equals("v2")) {
                    release.await(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        });
        try {
            assertThat(deploys.offer("v2")).isTrue();
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(deploys.offer("v3")).as("waits for v2").isFalse();
            assertThat(deploys.offer("v4")).as("replaces v3, which never loads").isFalse();
            release.countDown();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            one.shutdown();
            assertThat(one.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(loaded).containsExactly("v2", "v4");
        } finally {
            one.shutdownNow();
        }
    }
}
