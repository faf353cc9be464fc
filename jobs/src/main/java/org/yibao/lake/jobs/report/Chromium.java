package org.yibao.lake.jobs.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.yibao.lake.common.config.ConfigException;

/**
 * PDF of the report by headless Chromium's {@code --print-to-pdf} (Debian package {@code chromium}, fonts
 * {@code fonts-noto-cjk}): the page's own {@code @page} rules give A4. The browser is found on the PATH
 * ({@code chromium}, {@code chromium-browser}, {@code google-chrome}) or in {@code $YIBAO_CHROMIUM}.
 */
public final class Chromium {
  private Chromium() {}

  /** The browser executable; a usage error (exit 2) naming the package when there is none. */
  public static String executable() {
    String env = System.getenv("YIBAO_CHROMIUM");
    if (env != null && !env.isBlank()) {
      return env;
    }
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    throw new ConfigException("no headless Chromium found for --format pdf: install the Debian package 'chromium' "
        + "(and 'fonts-noto-cjk'), or set YIBAO_CHROMIUM");
  }

  /** The headless flags every use shares (no sandbox: CI runs as root; no first-run, no network services). */
  public static List<String> baseArgs(Path profile) {
    return new ArrayList<>(List.of(executable(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-extensions", "--disable-background-networking", "--disable-sync", "--hide-scrollbars",
        "--user-data-dir=" + profile));
  }

  /** Prints {@code html} to {@code pdf}. */
  public static void printToPdf(Path html, Path pdf) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("yibao-chromium-");
    List<String> args = baseArgs(profile);
    args.addAll(List.of("--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath(), html.toUri().toString()));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish printing " + html + " within 120 s");
    }
    if (p.exitValue() != 0 || !Files.exists(pdf) || Files.size(pdf) == 0) {
      throw new IOException("chromium failed to print " + html + " (exit " + p.exitValue() + ")");
    }
  }
}
