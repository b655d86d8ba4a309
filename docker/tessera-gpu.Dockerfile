# syntax=docker/dockerfile:1
# The inspection app on an NVIDIA GPU: TensorFlow's GPU native libraries (Maven profile gpu) on a
# CUDA 12 / cuDNN 8 runtime, which TensorFlow 2.16 loads at run time (the libraries are not in
# the jar). Used by the `gpu` profile of docker-compose.yml; the host needs the NVIDIA driver
# and the NVIDIA Container Toolkit.
#
#   docker build -f docker/tessera-gpu.Dockerfile -t tessera:local-gpu .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /opt/tessera
COPY . .
RUN mvn -B -q install -DskipTests -Pgpu \
 && touch target/tessera-build.stamp \
 # The launcher loads natives from .../linux-x86_64; point that at the GPU build.
 && cd target/natives/org/tensorflow/internal/c_api \
 && rm -rf linux-x86_64 && ln -s linux-x86_64-gpu linux-x86_64

FROM nvidia/cuda:12.2.2-cudnn8-runtime-ubuntu22.04
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /root/.m2/repository /root/.m2/repository
COPY --from=build /opt/tessera /opt/tessera
WORKDIR /opt/tessera
ENV TESSERA_SKIP_BUILD=1 \
    TF_FORCE_GPU_ALLOW_GROWTH=true \
    TESSERA_JAVA_OPTS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
ENTRYPOINT ["/opt/tessera/tessera"]
CMD ["inspect", "--help"]
