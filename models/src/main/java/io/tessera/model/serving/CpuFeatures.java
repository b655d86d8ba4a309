package io.tessera.model.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** What the CPU offers for reduced precision, from {@code /proc/cpuinfo} (Linux). */
public record CpuFeatures(String model, Set<String> flags) {

    public static CpuFeatures current() {
        return parse(Path.of("/proc/cpuinfo"));
    }

    static CpuFeatures parse(Path cpuinfo) {
        String model = "unknown CPU";
        Set<String> flags = Set.of();
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name") && model.equals("unknown CPU")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("flags") && flags.isEmpty()) {
                    flags = Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or unreadable: no flags, so no native bf16 is claimed
        }
        return new CpuFeatures(model, flags);
    }

    /** AMX-BF16 tiles or AVX512-BF16: oneDNN's bf16 rewrite is a speed-up only there. */
    public boolean hasNativeBf16() {
        return flags.contains("amx_bf16") || flags.contains("avx512_bf16");
    }

    public String bf16Units() {
        return flags.contains("amx_bf16") ? "AMX-BF16" : flags.contains("avx512_bf16") ? "AVX512-BF16" : "none";
    }
}
