package dev.emostream.trainer.data;

/** Where training labels come from. */
public enum LabelSource {
    /** FER2013's own single label per row. */
    FER2013,
    /** Microsoft FER+ annotator votes: the majority emotion (rows without a clear emotion majority are dropped). */
    FERPLUS
}
