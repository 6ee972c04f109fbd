package dev.emostream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class EmoStreamCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return EmoStreamCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpListsEveryCommand() {
        // When the user asks for help
        int code = run("--help");

        // Then every command is listed with its purpose, and it exits 0
        assertThat(code).isZero();
        assertThat(out.toString()).contains("Commands:")
                .contains("ingest", "process", "train", "evaluate", "predict", "demo", "bench", "kafka");
    }

    @Test
    void eachCommandHasItsOwnHelp() {
        for (String command : new String[] {"kafka", "ingest", "process", "train", "evaluate", "predict", "analyze", "demo", "bench"}) {
            // When asking for a command's help
            out.getBuffer().setLength(0);
            int code = run(command, "--help");

            // Then it prints a usage for that command
            assertThat(code).as(command).isZero();
            assertThat(out.toString()).as(command).contains("Usage: emostream " + command);
        }
    }

    @Test
    void processHelpListsEverySettingOfProcessorConfigWithItsDefaultAndDoc() {
        // When asking for the processor's help
        int code = run("process", "--help");

        // Then every setting ProcessorConfig defines is listed, with its default and its documentation
        assertThat(code).isZero();
        for (var key : dev.emostream.processor.ProcessorConfig.definition().configKeys().values()) {
            assertThat(out.toString()).contains("  " + key.name + "  (default: ").contains(key.documentation.substring(0, 30));
        }
        assertThat(out.toString()).contains("emostream.detector.input.width  (default: 320)");
    }

    @Test
    void aBadDetectorFlagNamesTheFlagAndTheAcceptedValues() {
        // When predict is given a detector that does not exist
        int code = run("predict", "--image", "pom.xml", "--detector", "mtcnn");

        // Then one line names the flag, the value and the accepted ones, with exit code 2
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("'--detector': mtcnn (accepted: auto, yunet, ssd, haar)");
    }

    @Test
    void anUnknownCommandExits2NamingItAndTheCommands() {
        // When the user runs a command that does not exist
        int code = run("nosuch");

        // Then one line names it and lists the commands, with exit code 2
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .contains("unknown command 'nosuch'").contains("train").contains("ingest");
    }

    @Test
    void anUnknownFlagExits2NamingIt() {
        // When a command gets a flag it does not have
        int code = run("kafka", "--colour=blue");

        // Then one line names the flag and where help is
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--colour=blue").contains("emostream kafka --help");
    }

    @Test
    void aBadValueExits2NamingTheFlag() {
        // When a numeric flag gets text
        int code = run("kafka", "--partitions", "many");

        // Then one line names the flag and the bad value
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--partitions").contains("many");
    }

    @Test
    void anOutOfRangeValueExits2NamingTheAcceptedRange() {
        int code = run("kafka", "--partitions", "0");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--partitions").contains("1..1000");
    }

    @Test
    void trainNamesTheFlagAndTheAcceptedValuesOfABadChoice() {
        // When train gets a model and a class count it does not know
        int model = run("train", "--model", "huge");
        String modelError = err.toString();
        err.getBuffer().setLength(0);
        int classes = run("train", "--classes", "5");

        // Then each exits 2 naming the flag and what is accepted
        assertThat(model).isEqualTo(2);
        assertThat(modelError).contains("--model").contains("FAST").contains("ACCURATE").contains("huge");
        assertThat(classes).isEqualTo(2);
        assertThat(err.toString()).contains("--classes").contains("accepted: 7, 6");
    }

    @Test
    void trainNamesABadTeacherAndABadDistillationWeight() {
        // When train is asked to distil from a folder that is no exported model, and with a teacher share above 1
        int teacher = run("train", "--teacher", "no-such-model");
        String teacherError = err.toString();
        err.getBuffer().setLength(0);
        int weight = run("train", "--teacher", "../models/fast", "--distill-weight", "1.5");

        // Then each exits 2 naming the flag, the value and what is accepted
        assertThat(teacher).isEqualTo(2);
        assertThat(teacherError).contains("--teacher").contains("no-such-model").contains("no saved_model.pb");
        assertThat(weight).isEqualTo(2);
        assertThat(err.toString()).contains("--distill-weight").contains("1.5").contains("accepted: greater than 0, at most 1");
    }

    @Test
    void trainNamesABadVoteShareAndOneWithoutSoftLabels() {
        // When train gets a vote share above 1, and one without --soft-labels
        int range = run("train", "--soft-labels", "--vote-share", "1.5");
        String rangeError = err.toString();
        err.getBuffer().setLength(0);
        int alone = run("train", "--vote-share", "0.5");

        // Then each exits 2 naming the flag and what it needs
        assertThat(range).isEqualTo(2);
        assertThat(rangeError).contains("--vote-share").contains("1.5").contains("accepted: greater than 0, at most 1");
        assertThat(alone).isEqualTo(2);
        assertThat(err.toString()).contains("option '--vote-share' needs '--soft-labels'");
    }

    @Test
    void evaluateNamesAMissingModelABadUsageAndABadTta() {
        int missing = run("evaluate");
        assertThat(missing).isEqualTo(2);
        assertThat(err.toString()).contains("--model");
        err.getBuffer().setLength(0);

        int usage = run("evaluate", "--model", ".", "--usage", "Validation");
        assertThat(usage).isEqualTo(2);
        assertThat(err.toString()).contains("--usage").contains("Training, PublicTest, PrivateTest");
        err.getBuffer().setLength(0);

        int tta = run("evaluate", "--model", ".", "--tta", "crops");
        assertThat(tta).isEqualTo(2);
        assertThat(err.toString()).contains("--tta").contains("crops").contains("accepted: card, none, flip, flip-shifts");
    }

    @Test
    void benchKernelsBothNeedsTheClassifierSectionAloneAndABadValueListsTheAccepted() {
        // When both kernel settings are asked for with a section that runs TensorFlow before the classifier's
        int mixed = run("bench", "--kernels", "both", "--section", "pipeline,classifier");

        // Then it exits 2 naming the flag and the sections it needs, before measuring anything
        assertThat(mixed).isEqualTo(2);
        assertThat(err.toString()).contains("option '--kernels both'").contains("--section classifier")
                .contains("got --section pipeline,classifier");
        assertThat(out.toString()).isEmpty();
        err.getBuffer().setLength(0);

        // When the kernels are neither setting
        int unknown = run("bench", "--kernels", "fastest", "--section", "classifier");

        // Then the error names the flag, the value and the accepted ones
        assertThat(unknown).isEqualTo(2);
        assertThat(err.toString()).contains("--kernels").contains("fastest").contains("CURRENT, BOTH");
    }
}
