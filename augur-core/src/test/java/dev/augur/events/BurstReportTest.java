package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a person sees it: every embedded chart decodes, and headless Chromium renders the page to a
 * screenshot that is not blank. Chromium is Debian's package (.ci/run installs it); without it, and outside
 * CI, the rendering half is skipped.
 */
class BurstReportTest {

    @Test
    void reportEmbedsEveryChartAndRendersInHeadlessChromium(@TempDir Path dir) throws Exception {
        TinyBurstRun.create(dir, 8);
        Path html = dir.resolve("run/report.html");
        String page = Files.readString(html);

        Matcher m =
                Pattern.compile("src=\"data:image/(png|gif);base64,([^\"]+)\"").matcher(page);
        List<BufferedImage> images = new ArrayList<>();
        while (m.find()) {
            images.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(2)))));
        }
        assertThat(images).hasSize(5).doesNotContainNull(); // ROC, calibration, 2 time series, alert GIF
        assertThat(page).contains("test block").contains("ROC-AUC difference").doesNotContain("Infinity");

        Path chromium = Path.of("/usr/bin/chromium");
        boolean ci = "true".equals(System.getenv("CI"));
        Assumptions.assumeTrue(
                Files.isExecutable(chromium) || ci, "headless Chromium not installed (apt-get install chromium)");
        Path shot = dir.resolve("shot.png");
        chromium(
                dir,
                "--window-size=1200,2400",
                "--screenshot=" + shot,
                html.toUri().toString());
        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        Set<Integer> colours = new HashSet<>();
        int coloured = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.abs(r - g) > 60 || Math.abs(g - b) > 60 || Math.abs(r - b) > 60) {
                    coloured++; // the charts' blue, orange and purple lines: text and page are grey
                }
            }
        }
        // a blank page has one colour and a text-only one only greys; rendered charts bring coloured lines
        assertThat(colours.size()).isGreaterThan(200);
        assertThat(coloured).isGreaterThan(1000);

        // the page fits a narrow window: wide tables scroll inside it instead of widening the page
        Path measured = dir.resolve("measured.html");
        Files.writeString(
                measured,
                page.replace(
                        "</body>",
                        "<script>window.addEventListener('load',()=>{const d=document.documentElement;"
                                + "document.body.setAttribute('data-overflow',String(d.scrollWidth-d.clientWidth))"
                                + "})</script></body>"));
        String dom = chromium(
                dir,
                "--window-size=720,1200",
                "--virtual-time-budget=3000",
                "--dump-dom",
                measured.toUri().toString());
        Matcher overflow = Pattern.compile("data-overflow=\"(-?\\d+)\"").matcher(dom);
        assertThat(overflow.find()).as("the measuring script ran").isTrue();
        assertThat(Integer.parseInt(overflow.group(1)))
                .as("pixels wider than a 720 px window")
                .isLessThanOrEqualTo(0);
    }

    /** Runs headless Chromium on {@code args}; returns what it printed on standard output. */
    private static String chromium(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "/usr/bin/chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(dir, "chromium", ".out");
        Process p = new ProcessBuilder(command)
                .redirectError(dir.resolve("chromium.log").toFile())
                .redirectOutput(stdout.toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return Files.readString(stdout);
    }
}
