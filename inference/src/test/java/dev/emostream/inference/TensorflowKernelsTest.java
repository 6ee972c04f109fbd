package dev.emostream.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The oneDNN switch reads TF_ENABLE_ONEDNN_OPTS as TensorFlow does. */
class TensorflowKernelsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "0, false, oneDNN off (TF_ENABLE_ONEDNN_OPTS=0)",
            "false, false, oneDNN off (TF_ENABLE_ONEDNN_OPTS=false)",
            "FALSE, false, oneDNN off (TF_ENABLE_ONEDNN_OPTS=FALSE)",
            "1, true, oneDNN on (TF_ENABLE_ONEDNN_OPTS=1)",
            "true, true, oneDNN on (TF_ENABLE_ONEDNN_OPTS=true)",
            "null, true, oneDNN on (TF_ENABLE_ONEDNN_OPTS unset: TensorFlow's default)"})
    void theVariableSwitchesOneDnnOffOnlyWhenItSaysSo(String value, boolean expected, String description) {
        // Given a value of the variable, When it is read, Then oneDNN is on unless it says 0 or false, and the line says which
        assertThat(TensorflowKernels.oneDnn(value)).isEqualTo(expected);
        assertThat(TensorflowKernels.describe(value)).isEqualTo(description);
    }
}
