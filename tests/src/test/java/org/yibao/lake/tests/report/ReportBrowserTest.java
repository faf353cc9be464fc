package org.yibao.lake.tests.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 2025 report of the generated province opened as a supervisor would: in a real headless Chromium
 * (Debian packages {@code chromium} and {@code fonts-noto-cjk}; the test fails naming them when they are
 * missing). One browser launch: no console error, no request leaves the file, every chart has drawn
 * (non-blank pixels in its box in a screenshot), Chinese text is rendered by a CJK font, every table fits
 * the A4 text width in print layout, and printing gives A4 pages.
 */
class ReportBrowserTest {
  /** A4 at 96 px per inch: 210 mm × 297 mm. */
  static final int A4_WIDTH_PX = 794;
  static final int A4_HEIGHT_PX = 1123;

  @TempDir Path tmp;

  @Test
  void reportOpensOfflineDrawsEveryChartInChineseAndPrintsA4() throws Exception {
    Path html = GeneratedReport.html();
    String fileUrl = html.toUri().toString();
    try (Cdp cdp = Cdp.launch(tmp.resolve("profile"))) {
      for (String domain : List.of("Page", "Runtime", "Log", "Network", "DOM", "CSS")) {
        cdp.send(domain + ".enable", Map.of());
      }
      cdp.send("Emulation.setDeviceMetricsOverride", Map.of("width", A4_WIDTH_PX, "height", A4_HEIGHT_PX,
          "deviceScaleFactor", 1, "mobile", false));
      cdp.send("Page.navigate", Map.of("url", fileUrl));
      cdp.await("Page.loadEventFired", e -> true, 60);
      cdp.eval("document.fonts.ready.then(() => 'ok')");

      // no console error, no exception, no request other than the file itself
      List<String> errors = new ArrayList<>();
      cdp.events("Runtime.consoleAPICalled").stream().filter(e -> e.at("/params/type").asText().equals("error"))
          .forEach(e -> errors.add(e.toString()));
      cdp.events("Runtime.exceptionThrown").forEach(e -> errors.add(e.toString()));
      cdp.events("Log.entryAdded").stream().filter(e -> e.at("/params/entry/level").asText().equals("error"))
          .forEach(e -> errors.add(e.toString()));
      assertEquals(List.of(), errors);
      List<String> requests = new ArrayList<>();
      cdp.events("Network.requestWillBeSent").forEach(e -> requests.add(e.at("/params/request/url").asText()));
      // data: URLs stay inside the browser (Chromium itself may load one); anything else would leave the file
      assertEquals(List.of(fileUrl), requests.stream().filter(u -> !u.startsWith("data:")).distinct().toList(),
          "requests: " + requests);

      // every chart: its box in a full-page screenshot has drawn (enough non-white pixels, more than one colour)
      JsonNode charts = Cdp.parse(cdp.eval("JSON.stringify([...document.querySelectorAll('svg.chart')].map(e => {"
          + "const r = e.getBoundingClientRect(); return {name: e.dataset.chart, x: r.left + scrollX, y: r.top + scrollY,"
          + " w: r.width, h: r.height}; }))"));
      List<String> names = new ArrayList<>();
      charts.forEach(c -> names.add(c.get("name").asText()));
      assertEquals(List.of("expenditure", "admissions", "cost_per_case", "self_pay_rate", "by_category",
          "by_medins_type", "flow_heatmap"), names);
      int height = Integer.parseInt(cdp.eval("String(document.documentElement.scrollHeight)"));
      JsonNode shot = cdp.send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
          "clip", Map.of("x", 0, "y", 0, "width", A4_WIDTH_PX, "height", height, "scale", 1)));
      byte[] png = Base64.getDecoder().decode(shot.get("data").asText());
      BufferedImage page = ImageIO.read(new ByteArrayInputStream(png));
      Files.write(Path.of("target", "report-screenshot.png"), png);
      ImageIO.write(page.getSubimage(0, 0, A4_WIDTH_PX, Math.min(A4_HEIGHT_PX, page.getHeight())), "png",
          Path.of("target", "report-first-page.png").toFile());
      for (JsonNode c : charts) {
        int[] drawn = inkAndColours(page, c.get("x").asInt(), c.get("y").asInt(), c.get("w").asInt(), c.get("h").asInt());
        assertTrue(drawn[0] > 300 && drawn[1] > 2, c.get("name").asText() + " drew " + drawn[0] + " pixels, "
            + drawn[1] + " colours");
      }

      // Chinese text is rendered by a CJK font (not boxes): the fonts Chromium used for the title
      int root = cdp.send("DOM.getDocument", Map.of()).at("/root/nodeId").asInt();
      int h1 = cdp.send("DOM.querySelector", Map.of("nodeId", root, "selector", "h1")).get("nodeId").asInt();
      JsonNode fonts = cdp.send("CSS.getPlatformFontsForNode", Map.of("nodeId", h1)).get("fonts");
      assertTrue(fonts.size() > 0, fonts.toString());
      for (JsonNode f : fonts) {
        assertTrue(f.get("familyName").asText().contains("CJK") && f.get("glyphCount").asInt() > 0, fonts.toString());
      }

      // print layout: every table and every cell fits the A4 text width, none is cut mid-column
      cdp.send("Emulation.setEmulatedMedia", Map.of("media", "print"));
      String overflow = cdp.eval("JSON.stringify([...document.querySelectorAll('table, th, td')].filter(e => "
          + "e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > document.body.getBoundingClientRect()"
          + ".right + 1).map(e => e.tagName + ' ' + (e.closest('table').id || e.closest('table').className) + ' ' + "
          + "e.textContent.slice(0, 30)))");
      assertEquals("[]", overflow);

      // printing gives A4 pages
      JsonNode pdf = cdp.send("Page.printToPDF", Map.of("preferCSSPageSize", true, "printBackground", true));
      byte[] bytes = Base64.getDecoder().decode(pdf.get("data").asText());
      Files.write(Path.of("target", "report.pdf"), bytes);
      String raw = new String(bytes, StandardCharsets.ISO_8859_1);
      Matcher box = Pattern.compile("/MediaBox\\s*\\[\\s*0 0 ([0-9.]+) ([0-9.]+)\\s*\\]").matcher(raw);
      int pages = 0;
      while (box.find()) {
        pages++;
        // A4 = 595.28 × 841.89 points
        assertEquals(595.3, Double.parseDouble(box.group(1)), 1.5, box.group());
        assertEquals(841.9, Double.parseDouble(box.group(2)), 1.5, box.group());
      }
      assertTrue(pages >= 4, "pages: " + pages); // one section per page from the trends on
      assertTrue(raw.contains("NotoSansCJK") || raw.contains("NotoSerifCJK"), "the PDF embeds a Noto CJK font");
    }
  }

  /** Non-white pixels and distinct colours (coarsely) inside a box. */
  static int[] inkAndColours(BufferedImage img, int x, int y, int w, int h) {
    int ink = 0;
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int j = Math.max(0, y); j < Math.min(img.getHeight(), y + h); j++) {
      for (int i = Math.max(0, x); i < Math.min(img.getWidth(), x + w); i++) {
        int rgb = img.getRGB(i, j) & 0xffffff;
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        if (r < 235 || g < 235 || b < 235) {
          ink++;
          colours.add((r >> 5) << 6 | (g >> 5) << 3 | (b >> 5));
        }
      }
    }
    return new int[] {ink, colours.size()};
  }
}
