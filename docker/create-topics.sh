#!/bin/bash
# Creates Tessera's topics on the compose cluster (idempotent): run by the kafka-init service.
set -euo pipefail
BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"
PREFIX="${TOPIC_PREFIX:-}"
PARTITIONS="${FRAME_PARTITIONS:-4}"
topics=/opt/kafka/bin/kafka-topics.sh
"$topics" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "${PREFIX}frames" \
  --partitions "$PARTITIONS" --config max.message.bytes=10485760
for t in verdicts alerts frames.dlq; do
  extra=()
  [[ "$t" == frames.dlq ]] && extra=(--config max.message.bytes=10485760)
  "$topics" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "${PREFIX}${t}" \
    --partitions "$PARTITIONS" "${extra[@]}"
done
"$topics" --bootstrap-server "$BOOTSTRAP" --list
