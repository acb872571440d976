package dev.augur.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads one frame sequence a user hands to {@code predict}: an .npy of [T, H, W], [T, C, H, W] (C = 1 or 3),
 * [N, T, C, H, W] or [T, N, H, W] as in {@code mnist_test_seq.npy}; a predrnn/e3d .npz ({@code input_raw_data}
 * [frames, C, H, W] and {@code clips}: a clip's input and output frames); or a folder of PNG frames in name order
 * (one channel when every frame is grey, else three). Files of N sequences give the one asked for (the first
 * unless told), with N, so that the caller can say which it read. uint8 data
 * is scaled by 1/255; float data must already be in [0, 1]. NaN, wrong ranks and unreadable images are errors
 * naming the file.
 */
public final class SequenceFiles {
    private SequenceFiles() {}

    /** Sequence {@code index} (from 0) of a file holding {@code count}. */
    public record Sequence(Clips frames, int index, int count) {}

    /** The first sequence of {@code path}. */
    public static Clips read(NDManager manager, Path path) throws IOException {
        return read(manager, path, 0).frames();
    }

    public static Sequence read(NDManager manager, Path path, int index) throws IOException {
        if (Files.isDirectory(path)) {
            requireIndex(index, 1, path);
            return new Sequence(readPngFolder(path), 0, 1);
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file or folder");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".npy") && !name.endsWith(".npz")) {
            throw new IOException(path + ": expected an .npy or .npz file or a folder of PNG frames");
        }
        try (NDManager m = manager.newSubManager()) {
            NDList arrays = NumpyFiles.read(m, path);
            if (name.endsWith(".npz") && arrays.get("clips") != null) {
                return fromClips(arrays, path, index);
            }
            NDArray frames = name.endsWith(".npz") ? fromNpz(arrays, path) : arrays.singletonOrThrow();
            return toClips(frames, path, index);
        }
    }

    private static void requireIndex(int index, long count, Path path) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(path + ": holds " + count + (count == 1 ? " sequence" : " sequences")
                    + "; there is no sequence " + (index + 1));
        }
    }

    private static NDArray fromNpz(NDList arrays, Path path) throws IOException {
        NDArray raw = arrays.get("input_raw_data");
        if (raw == null) {
            if (arrays.size() == 1) {
                return arrays.get(0);
            }
            throw new IOException(path + ": an .npz with several arrays needs 'input_raw_data' (predrnn format)");
        }
        return raw;
    }

    /** Clip {@code index} of a predrnn .npz: its input and output frames from {@code input_raw_data}. */
    private static Sequence fromClips(NDList arrays, Path path, int index) throws IOException {
        NDArray raw = arrays.get("input_raw_data");
        if (raw == null) {
            throw new IOException(path + ": 'clips' without 'input_raw_data' (predrnn format)");
        }
        NDArray clips = arrays.get("clips");
        Shape cs = clips.getShape();
        if (cs.dimension() != 3 || cs.get(0) != 2 || cs.get(2) != 2) {
            throw new IOException(path + ": 'clips' must be [2, N, 2], got " + cs);
        }
        long[] c = clips.toType(DataType.INT64, false).toLongArray();
        long n = cs.get(1);
        requireIndex(index, n, path);
        long start = c[2 * index];
        long length = c[2 * index + 1] + c[(int) (n * 2) + 2 * index + 1];
        if (start < 0 || length < 1 || start + length > raw.getShape().get(0)) {
            throw new IOException(
                    path + ": clip " + (index + 1) + " [" + start + ", +" + length + ") lies outside input_raw_data");
        }
        return new Sequence(
                toClips(raw.get(start + ":" + (start + length)), path, 0).frames(), index, (int) n);
    }

    private static Sequence toClips(NDArray array, Path path, int index) throws IOException {
        Shape s = array.getShape();
        NDArray a = array;
        long count = 1;
        switch (s.dimension()) {
            case 3 -> {
                requireIndex(index, 1, path);
                a = a.expandDims(1).expandDims(0);
            }
            // [T, C, H, W] with 1 or 3 channels; otherwise the standard mnist_test_seq.npy layout [T, N, H, W]
            case 4 -> {
                boolean oneSequence = s.get(1) == 1 || s.get(1) == 3;
                count = oneSequence ? 1 : s.get(1);
                requireIndex(index, count, path);
                a = oneSequence
                        ? a.expandDims(0)
                        : a.get(":, " + index + ":" + (index + 1)).expandDims(0);
            }
            case 5 -> {
                count = s.get(0);
                requireIndex(index, count, path);
                a = a.get(index + ":" + (index + 1));
            }
            default -> throw new IOException(path + ": expected [T, H, W], [T, C, H, W] or [N, T, C, H, W], got " + s);
        }
        float[] values;
        if (array.getDataType() == DataType.UINT8) {
            values = a.toType(DataType.FLOAT32, false).div(255f).toFloatArray();
        } else if (array.getDataType().isFloating()) {
            values = a.toType(DataType.FLOAT32, false).toFloatArray();
            for (float v : values) {
                if (Float.isNaN(v)) {
                    throw new IOException(path + ": contains NaN pixels");
                }
                if (v < 0f || v > 1f) {
                    throw new IOException(path + ": float pixels must lie in [0, 1], found " + v);
                }
            }
        } else {
            throw new IOException(path + ": pixel type " + array.getDataType() + " is not supported (uint8 or float)");
        }
        Shape f = a.getShape();
        return new Sequence(
                new Clips(values, 1, (int) f.get(1), (int) f.get(2), (int) f.get(3), (int) f.get(4)), index, (int)
                        count);
    }

    private static Clips readPngFolder(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .sorted(Comparator.comparing(
                            p -> ImageFolderVideo.naturalKey(p.getFileName().toString())))
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": no .png frames in this folder");
        }
        BufferedImage first = image(files.get(0));
        int h = first.getHeight();
        int w = first.getWidth();
        boolean colour = false;
        BufferedImage[] images = new BufferedImage[files.size()];
        for (int t = 0; t < files.size(); t++) {
            images[t] = t == 0 ? first : image(files.get(t));
            if (images[t].getHeight() != h || images[t].getWidth() != w) {
                throw new IOException(files.get(t) + ": is " + images[t].getWidth() + "x" + images[t].getHeight()
                        + ", the first frame is " + w + "x" + h);
            }
            colour |= !isGrey(images[t]);
        }
        int c = colour ? 3 : 1;
        float[] data = new float[files.size() * c * h * w];
        for (int t = 0; t < images.length; t++) {
            BufferedImage img = images[t];
            boolean oneComponent = img.getColorModel().getNumColorComponents() == 1;
            // grey PNGs: raw samples (ImageIO's getRGB would apply a gamma conversion); 8 or 16 bits
            float greyScale = (1 << img.getColorModel().getComponentSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int base = t * c * h * w + y * w + x;
                    if (oneComponent) {
                        data[base] = img.getRaster().getSample(x, y, 0) / greyScale;
                        continue;
                    }
                    int rgb = img.getRGB(x, y);
                    if (c == 1) {
                        data[base] = (rgb & 0xFF) / 255f;
                    } else {
                        data[base] = ((rgb >> 16) & 0xFF) / 255f;
                        data[base + h * w] = ((rgb >> 8) & 0xFF) / 255f;
                        data[base + 2 * h * w] = (rgb & 0xFF) / 255f;
                    }
                }
            }
        }
        return new Clips(data, 1, images.length, c, h, w);
    }

    /** Grey when every pixel has equal red, green and blue, whatever the PNG's colour type. */
    private static boolean isGrey(BufferedImage img) {
        if (img.getColorModel().getNumColorComponents() == 1) {
            return true;
        }
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                if (r != g || g != (rgb & 0xFF)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static BufferedImage image(Path file) throws IOException {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": unreadable image (" + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new IOException(file + ": not a readable PNG image");
        }
        return img;
    }
}
