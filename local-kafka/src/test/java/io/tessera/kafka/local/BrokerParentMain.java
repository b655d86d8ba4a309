package io.tessera.kafka.local;

import java.util.concurrent.CountDownLatch;

/** A parent JVM for {@link LocalKafkaIT}: starts a broker, prints its pid, and waits to be killed. */
public final class BrokerParentMain {

    static final String DATA_DIR = "data-dir=";
    static final String BROKER_PID = "broker-pid=";

    private BrokerParentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalKafka kafka = LocalKafka.start();
        System.out.println(DATA_DIR + kafka.dataDir());
        System.out.println(BROKER_PID + kafka.pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
