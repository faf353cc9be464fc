package org.yibao.lake.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.cli.Yibao;

/** Exit codes and stdout discipline of the CLI (no Spark needed for usage errors). */
class CliTest {
  @TempDir Path tmp;

  private int run(ByteArrayOutputStream stdout, String... args) {
    PrintStream old = System.out;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    try {
      return Yibao.execute(args);
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void badUsageExitsTwo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(Yibao.USAGE, run(out, "no-such-command"));
    assertEquals(Yibao.USAGE, run(out, "--conf", TestSpark.confDir().toString(), "run", "--month", "2025-13"));
    assertEquals(Yibao.USAGE, run(out, "--conf", TestSpark.confDir().toString(), "run", "--job", "no.such_job"));
    assertEquals(Yibao.USAGE, run(out, "--conf", tmp.resolve("missing").toString(), "tables"));
    assertEquals(0, out.size(), "usage errors print nothing on stdout");
  }

  @Test
  void generateWritesTheLandingAndNothingToStdout() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path landing = tmp.resolve("landing");
    assertEquals(Yibao.OK, run(out, "generate", "--out", landing.toString(), "--persons", "300", "--years",
        "2025-2025", "--seed", "7"));
    assertTrue(Files.exists(landing.resolve("setl").resolve("0000-backload-2025-2025").resolve("_SUCCESS")));
    assertEquals(0, out.size());
  }

  @Test
  void exportRefusesPersonLevelTables() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(Yibao.USAGE, run(out, "--conf", TestSpark.confDir().toString(), "--lake",
        tmp.resolve("lake").toString(), "export", "dwd.setl", "--out", "-"));
  }
}
