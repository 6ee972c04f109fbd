package dev.emostream.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.List;
import java.util.Map;

/**
 * {@code model-card.json}, written by the trainer beside each exported SavedModel and read by the processor.
 * It says how to feed the model (input size, normalisation) and what comes out (classes in order), and
 * records where the model came from (data hash, command) and how good it is (PublicTest figures).
 *
 * @param name           short model name, e.g. {@code fast}
 * @param version        model version, e.g. {@code 1.0.0}
 * @param createdAt      ISO-8601 time of export
 * @param architecture   which network, e.g. {@code mini-xception}
 * @param parameters     trainable parameter count
 * @param classes        output labels in output order (6 or 7)
 * @param input          how to turn a face crop into the model's input tensor
 * @param signature      the SavedModel signature: key, input and output names
 * @param data           the training data: file, sha256, label source, row counts
 * @param training       how it was trained: command, epochs, optimiser, seed, throughput
 * @param publicTest     validation figures on FER2013 PublicTest (accuracy, loss, confusion, per class)
 * @param ensemble       optional: this card describes an ensemble of other models (then there is no SavedModel of its
 *                       own, and {@code signature} may be absent)
 * @param cost           optional: measured inference cost (e.g. {@code batch32MsPerFace}, with the command and machine)
 */
public record ModelCard(
        String name,
        String version,
        String createdAt,
        String architecture,
        long parameters,
        List<String> classes,
        Input input,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "signature", useInput = OptBoolean.TRUE)
        Signature signature,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "data", useInput = OptBoolean.TRUE)
        Map<String, Object> data,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "training", useInput = OptBoolean.TRUE)
        Map<String, Object> training,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "publicTest", useInput = OptBoolean.TRUE)
        Map<String, Object> publicTest,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "ensemble", useInput = OptBoolean.TRUE)
        Ensemble ensemble,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "cost", useInput = OptBoolean.TRUE)
        Map<String, Object> cost) {

    public static final String FILE_NAME = "model-card.json";

    /** The card of one exported network (no ensemble). */
    public ModelCard(String name, String version, String createdAt, String architecture, long parameters, List<String> classes, Input input,
                     Signature signature, Map<String, Object> data, Map<String, Object> training, Map<String, Object> publicTest) {
        this(name, version, createdAt, architecture, parameters, classes, input, signature, data, training, publicTest, null, null);
    }

    /** This card with {@code cost} (a measurement made after the card was first written). */
    public ModelCard withCost(Map<String, Object> cost) {
        return new ModelCard(name, version, createdAt, architecture, parameters, classes, input, signature, data, training, publicTest,
                ensemble, cost);
    }

    /**
     * Models whose probabilities are pooled (weighted), with an optional test-time augmentation: {@code none},
     * {@code flip} (each face also mirrored; the two answers averaged) or {@code flip-shifts} (the face and its mirror,
     * each also shifted 2 px four ways: 10 answers averaged). {@code combine} says how the members' answers are pooled:
     * {@code mean} (the weighted arithmetic mean; what a card without the field means) or {@code geometric} (the weighted
     * geometric mean, renormalised). Members must predict the same classes from the same input.
     */
    public record Ensemble(List<Member> members, String tta,
                           @JacksonInject(value = Json.ABSENT + "combine", useInput = OptBoolean.TRUE) String combine) {
        public static final List<String> TTA = List.of("none", "flip", "flip-shifts");
        public static final List<String> COMBINE = List.of("mean", "geometric");

        public Ensemble {
            Require.present(members, "ensemble.members");
            if (members.size() < 2) {
                throw new IllegalArgumentException("field 'ensemble.members' must list at least 2 models, got " + members.size());
            }
            members = List.copyOf(members);
            tta = tta == null ? "none" : tta;
            if (!TTA.contains(tta)) {
                throw new IllegalArgumentException("field 'ensemble.tta' must be one of " + TTA + ", got '" + tta + "'");
            }
            combine = combine == null ? "mean" : combine;
            if (!COMBINE.contains(combine)) {
                throw new IllegalArgumentException("field 'ensemble.combine' must be one of " + COMBINE + ", got '" + combine + "'");
            }
        }

        /** Members pooled by their weighted arithmetic mean. */
        public Ensemble(List<Member> members, String tta) {
            this(members, tta, null);
        }
    }

    /**
     * One member: its directory relative to the ensemble's, the version its card must have, and its weight.
     */
    public record Member(String path, String version, double weight) {
        public Member {
            Require.text(path, "ensemble.members.path");
            Require.text(version, "ensemble.members.version");
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("field 'ensemble.members.weight' must be positive, got " + weight);
            }
        }
    }

    /**
     * Input normalisation: the model sees {@code pixel * scale + offset} of a grey crop of {@code width x height},
     * pixels 0..255, row-major, one channel.
     */
    public record Input(int height, int width, int channels, String colour, double scale, double offset) {
        public float normalise(int pixel) {
            return (float) (pixel * scale + offset);
        }
    }

    /** The serving signature: {@code key} (e.g. serving_default), input and output tensor names. */
    public record Signature(String key, String input, String output) {
    }

    public ModelCard {
        Require.text(name, "name");
        Require.text(version, "version");
        Require.present(classes, "classes");
        if (classes.size() != 6 && classes.size() != 7) {
            throw new IllegalArgumentException("field 'classes' must hold 6 or 7 labels, got " + classes.size());
        }
        classes.forEach(Emotion::fromLabel);
        Require.present(input, "input");
        if (ensemble == null) {
            Require.present(signature, "signature");
        }
    }

    /** Whether this card describes an ensemble of other models. */
    public boolean describesEnsemble() {
        return ensemble != null;
    }

    /** Reads {@code model-card.json} from a model directory; the error names the file and the field. */
    public static ModelCard read(Path modelDir) {
        Path file = modelDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no " + FILE_NAME + " in model directory " + modelDir);
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), ModelCard.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes this card as pretty JSON to {@code modelDir/model-card.json}. */
    public void write(Path modelDir) {
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(modelDir.resolve(FILE_NAME).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + modelDir.resolve(FILE_NAME), e);
        }
    }
}
