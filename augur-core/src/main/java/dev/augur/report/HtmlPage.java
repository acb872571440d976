package dev.augur.report;

import dev.augur.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page: headings, paragraphs, tables and images embedded as data URIs, so the one file
 * can be mailed or archived and still shows every chart.
 */
public final class HtmlPage {
    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlPage(String title) {
        this.title = title;
    }

    public HtmlPage heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlPage paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A table; the first row is the header. */
    public HtmlPage table(List<List<String>> rows) {
        body.append("<table>\n");
        for (int r = 0; r < rows.size(); r++) {
            body.append("<tr>");
            String cell = r == 0 ? "th" : "td";
            for (String c : rows.get(r)) {
                body.append('<')
                        .append(cell)
                        .append('>')
                        .append(escape(c))
                        .append("</")
                        .append(cell)
                        .append('>');
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** Embeds a PNG or GIF file with a caption. */
    public HtmlPage image(Path file, String caption) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String type = name.endsWith(".gif") ? "image/gif" : "image/png";
        String data = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        body.append("<figure><img alt=\"")
                .append(escape(caption))
                .append("\" src=\"data:")
                .append(type)
                .append(";base64,")
                .append(data)
                .append("\"><figcaption>")
                .append(escape(caption))
                .append("</figcaption></figure>\n");
        return this;
    }

    public void write(Path file) throws IOException {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                // a wide table scrolls inside the page instead of running off its edge
                + "table{border-collapse:collapse;margin:1em 0;display:block;max-width:100%;overflow-x:auto}"
                + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                + "th{background:#eee}figure{display:inline-block;margin:0.5em}"
                + "img{max-width:100%;image-rendering:pixelated}"
                + "figcaption{font-size:90%;color:#555}</style></head>\n<body>\n<h1>" + escape(title) + "</h1>\n"
                + body + "</body></html>\n";
        AtomicFiles.writeString(file, html);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
