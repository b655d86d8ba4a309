# syntax=docker/dockerfile:1
# Tessera apps (inspect with its dashboard, ingest, record, replay, model tools) built from this
# repository, with TensorFlow's CPU native libraries. Entry point: the ./tessera launcher, so
# `docker run tessera:local inspect --help` works as on a workstation.
#
#   docker build -f docker/tessera.Dockerfile -t tessera:local .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /opt/tessera
# Poms first: the dependency layer is reused as long as no pom changes.
COPY pom.xml ./
COPY protocol/pom.xml protocol/
COPY local-kafka/pom.xml local-kafka/
COPY models/pom.xml models/
COPY camera-ingest/pom.xml camera-ingest/
COPY stream-app/pom.xml stream-app/
COPY launcher/pom.xml launcher/
RUN mvn -B -q dependency:go-offline -DexcludeGroupIds=io.tessera || true
COPY . .
ARG MAVEN_PROFILES=""
RUN mvn -B -q install -DskipTests ${MAVEN_PROFILES:+-P${MAVEN_PROFILES}} \
 && touch target/tessera-build.stamp

FROM eclipse-temurin:17-jre-jammy
# The launcher's classpath file names jars in the local Maven repository: keep the same paths.
COPY --from=build /root/.m2/repository /root/.m2/repository
COPY --from=build /opt/tessera /opt/tessera
WORKDIR /opt/tessera
ENV TESSERA_SKIP_BUILD=1 \
    TESSERA_JAVA_OPTS="-XX:MaxRAMPercentage=75"
# 8080: inspect's dashboard and /metrics; 9400: ingest's /metrics (both only when asked for).
EXPOSE 8080 9400
ENTRYPOINT ["/opt/tessera/tessera"]
CMD ["--help"]
