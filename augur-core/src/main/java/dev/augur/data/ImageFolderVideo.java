package dev.augur.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of frame images (PNG, JPEG, BMP, GIF) read as a video: files in natural name order ({@code 2.png} before
 * {@code 10.png}), grey as OpenCV reads them (0.299 R + 0.587 G + 0.114 B; grey images as stored), resized to
 * the options' size only when they differ, frame k at time k/fps.
 */
public final class ImageFolderVideo implements FrameSource {
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private final List<Path> files;
    private final VideoReader.Options options;
    private int index;

    private ImageFolderVideo(List<Path> files, VideoReader.Options options) {
        this.files = files;
        this.options = options;
    }

    public static ImageFolderVideo open(Path dir, VideoReader.Options options) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such folder of frames");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(ImageFiles::isImage)
                    .sorted(Comparator.comparing(p -> naturalKey(p.getFileName().toString())))
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": holds no frame images (.png, .jpg, .jpeg or .bmp)");
        }
        return new ImageFolderVideo(files, options);
    }

    /** True for a folder that holds frame images itself (a recording), not only other folders or videos. */
    public static boolean isFrameFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(ImageFiles::isImage);
        }
    }

    /** Runs of digits compare as numbers: zero-padded to 20 places. */
    static String naturalKey(String name) {
        Matcher m = DIGITS.matcher(name);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String d = m.group();
            m.appendReplacement(b, d.length() >= 20 ? d : "0".repeat(20 - d.length()) + d);
        }
        m.appendTail(b);
        return b.toString();
    }

    @Override
    public VideoReader.GreyFrame next() throws IOException {
        if (index >= files.size()) {
            return null;
        }
        BufferedImage img = ImageFiles.read(files.get(index));
        boolean sameSize = img.getWidth() == options.width() && img.getHeight() == options.height();
        float[] pixels = grey(sameSize ? img : ImageFiles.resized(img, options.width(), options.height()));
        VideoReader.GreyFrame f = new VideoReader.GreyFrame(index, index / options.fps(), pixels);
        index++;
        return f;
    }

    private static float[] grey(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] out = new float[w * h];
        Raster r = img.getRaster();
        boolean stored = img.getType() == BufferedImage.TYPE_BYTE_GRAY;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (stored) {
                    out[y * w + x] = r.getSample(x, y, 0) / 255f;
                } else {
                    int rgb = img.getRGB(x, y);
                    double v = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
                    out[y * w + x] = Math.round(v) / 255f;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {}
}
