package dev.augur.report;

import dev.augur.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Frames ([C, H, W] floats in [0, 1]) as images: grey for one channel, RGB for three, enlarged by an integer scale. */
public final class FrameImages {
    private FrameImages() {}

    public static BufferedImage image(float[] data, int offset, int channels, int height, int width, int scale) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("can draw 1 or 3 channels, got " + channels);
        }
        BufferedImage img = new BufferedImage(
                width * scale,
                height * scale,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int y = 0; y < height * scale; y++) {
            for (int x = 0; x < width * scale; x++) {
                int i = offset + (y / scale) * width + x / scale;
                int r = level(data[i]);
                int g = channels == 3 ? level(data[i + plane]) : r;
                int b = channels == 3 ? level(data[i + 2 * plane]) : r;
                if (channels == 1) {
                    img.getRaster().setSample(x, y, 0, r);
                } else {
                    img.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return img;
    }

    /** Panels side by side with a caption above each. */
    public static BufferedImage sideBySide(List<BufferedImage> panels, List<String> captions) {
        int gap = 4;
        int top = 14;
        int w = panels.stream().mapToInt(BufferedImage::getWidth).sum() + gap * (panels.size() - 1);
        int h = panels.stream().mapToInt(BufferedImage::getHeight).max().orElse(0) + top;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        int x = 0;
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), x, top, null);
            g.setColor(Color.WHITE);
            g.drawString(captions.get(i), x + 2, top - 3);
            x += panels.get(i).getWidth() + gap;
        }
        g.dispose();
        return out;
    }

    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private static int level(float v) {
        float c = Math.max(0f, Math.min(1f, Float.isNaN(v) ? 0f : v));
        return Math.round(c * 255f);
    }
}
