package dev.emostream.trainer.cli;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.OptBoolean;
import dev.emostream.schemas.Json;
import dev.emostream.trainer.data.LabelSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The options of a training run that its checkpoint state does not hold but that a resumed run must keep: the name and
 * version its model card gets, and which examples it trains on (the label source, soft labels and their vote share, a
 * row limit). Written as {@code RUN_DIR/run-options.json} when a run starts, read back by {@code train --resume} and
 * copied by {@code --save-compact}; without it a resumed FER+ run would train on FER2013's labels, and a run started with
 * {@code --name} would export under its network's name.
 *
 * @param limit     the rows kept of each split, or null for all
 * @param voteShare with soft labels, the FER+ votes' share of each target (the rest the one-hot label); null for 1
 */
record RunOptions(String name, String version, LabelSource labels, boolean softLabels,
                  @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "limit", useInput = OptBoolean.TRUE)
                  Integer limit,
                  @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "voteShare", useInput = OptBoolean.TRUE)
                  Double voteShare) {
    static final String FILE = "run-options.json";

    /** The options {@code runDir} was started with; empty for a run started before they were kept. */
    static Optional<RunOptions> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), RunOptions.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    void write(Path runDir) {
        Path file = runDir.resolve(FILE);
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
