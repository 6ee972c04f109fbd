package dev.emostream.schemas;

import java.time.Instant;

/**
 * A person's correction of a prediction: the value on topic {@code emotion-feedback}, keyed by the event or
 * image id. The trainer can read these for fine-tuning. JSON Schema: {@code schemas/v1/feedback.schema.json}.
 *
 * @param feedbackId   unique id of this correction
 * @param subjectId    the emotion event id or uploaded image id being corrected
 * @param faceIndex    which face of that frame or image
 * @param trueEmotion  the emotion the person says is right
 * @param submittedAt  when the correction was made
 */
public record FeedbackV1(String feedbackId, String subjectId, int faceIndex, String trueEmotion, Instant submittedAt) {

    public static final String CONTRACT = "feedback/v1";

    public FeedbackV1 {
        Require.text(feedbackId, "feedbackId");
        Require.text(subjectId, "subjectId");
        Require.atLeast(faceIndex, 0, "faceIndex");
        Emotion.fromLabel(Require.text(trueEmotion, "trueEmotion"));
        Require.present(submittedAt, "submittedAt");
    }
}
