package dev.emostream.trainer.eval;

/** Which views of each face are averaged at evaluation. */
public enum TestTimeAugmentation {
    /** The face as it is. */
    NONE(1),
    /** The face and its mirror image. */
    FLIP(2),
    /** The face and its mirror, each also shifted 2 px up, down, left and right (10 views). */
    FLIP_CROPS(10);

    private final int views;

    TestTimeAugmentation(int views) {
        this.views = views;
    }

    public int views() {
        return views;
    }
}
