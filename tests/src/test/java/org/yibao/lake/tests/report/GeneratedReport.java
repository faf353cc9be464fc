package org.yibao.lake.tests.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yibao.lake.cli.Yibao;
import org.yibao.lake.tests.GeneratedLake;
import org.yibao.lake.tests.TestSpark;

/**
 * The 2025 monitoring report of the shared generated province, written once per test JVM through the CLI
 * ({@code yibao report monitoring --year 2025 --out …}) as a user would.
 */
final class GeneratedReport {
  private static Path html;

  private GeneratedReport() {}

  static synchronized Path html() {
    if (html == null) {
      try {
        Path dir = Files.createTempDirectory("yibao-report-");
        Path out = dir.resolve("2025年度医保基金运行监测报告.html");
        assertEquals(0, Yibao.execute("--conf", TestSpark.confDir().toString(), "--lake", GeneratedLake.get().lake.root(),
            "report", "monitoring", "--year", "2025", "--out", out.toString()));
        html = out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return html;
  }

  static String text() {
    try {
      return Files.readString(html(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
