package io.tessera.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.ingest.KafkaFrames;
import io.tessera.ingest.recording.RecordingReader;
import io.tessera.testing.kafka.KafkaBrokerExtension;
import io.tessera.kafka.local.KafkaCluster;
import io.tessera.protocol.FrameMetadata;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Tag("integration")
@ExtendWith(KafkaBrokerExtension.class)
class IngestCliIT {

    private record Result(int exit, String out, String err) {
    }

    private static Result run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void ingestSimThenRecordThenReplay(KafkaCluster kafka, @TempDir Path tmp) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        kafka.createTopics(1, "cli.frames", "cli2.frames");
        Result ingest = run(new IngestCommand(), "--source", "sim", "--fps", "30", "--max-frames", "45", "--seed", "3",
                "--distinct-frames", "15", "--bootstrap", bootstrap, "--topic-prefix", "cli.", "--status-interval", "500ms");
        assertThat(ingest.exit).as(ingest.err).isZero();
        assertThat(ingest.out).contains("45 frames").contains("failed 0");
        assertThat(ingest.err).contains("frames/s").contains("MB/s");

        Path rec = tmp.resolve("rec");
        Result record = run(new RecordCommand(), "--topic", "frames", "--topic-prefix", "cli.", "--out", rec.toString(),
                "--from", "beginning", "--until-end", "--bootstrap", bootstrap);
        assertThat(record.exit).as(record.err).isZero();
        assertThat(RecordingReader.open(rec).size()).isEqualTo(45);

        Result replay = run(new ReplayCommand(), rec.toString(), "--speed", "3", "--bootstrap", bootstrap, "--topic-prefix", "cli2.");
        assertThat(replay.exit).as(replay.err).isZero();
        List<ConsumerRecord<String, byte[]>> replayed = KafkaFrames.read(bootstrap, "cli2.frames", 45);
        assertThat(replayed).hasSize(45);
        RecordingReader original = RecordingReader.open(rec);
        for (int i = 0; i < 45; i++) {
            assertThat(replayed.get(i).value()).isEqualTo(original.read(i).frame().value());
            assertThat(FrameMetadata.readFrom(replayed.get(i).key(), replayed.get(i).headers()))
                    .isEqualTo(original.read(i).frame().metadata());
        }
    }

    @Test
    void anUnreachableBrokerIsAClearErrorNamingIt() {
        Result r = run(new IngestCommand(), "--source", "sim", "--max-frames", "3", "--bootstrap", "127.0.0.1:1",
                "--max-block-ms", "2000", "--status-interval", "0s", "--render-threads", "0");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).contains("127.0.0.1:1");
    }
}
