package io.tessera.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this process, all threads (the model's thread pool included). */
final class ProcessCpu {
    private ProcessCpu() {
    }

    /** Nanoseconds of CPU used so far; 0 where the JVM does not tell. */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
