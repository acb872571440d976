package dev.augur.data;

/** A clip source whose frames are square and of one size and channel count: what the accessors of most sources are. */
abstract class SquareClipSource implements ClipSource {
    private final int channels;
    protected final int size;

    SquareClipSource(int channels, int size) {
        this.channels = channels;
        this.size = size;
    }

    @Override
    public final int channels() {
        return channels;
    }

    @Override
    public final int height() {
        return size;
    }

    @Override
    public final int width() {
        return size;
    }
}
