package org.yibao.lake.tests.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.cli.Yibao;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.tests.TestSpark;

/**
 * Issue 9 item 2: loading the configuration refuses (exit 2, naming the key and the item) a scorecard item
 * that names an indicator id or a level the indicator job does not publish ({@code indicator.published_levels},
 * checked against the job's output in {@code CommunityCycleTest}), or a manual item that is not on the
 * manual-score form ({@code manual_score_item} in conf/codes.yml). The repository's own conf/ loads.
 */
class ScorecardConfigTest {
  @TempDir Path tmp;

  /** A copy of the repository's conf/ with one text replaced in conf/policy/settlement.yml. */
  private Path confWith(String from, String to) throws IOException {
    Path conf = tmp.resolve("conf");
    try (Stream<Path> files = Files.walk(TestSpark.confDir())) {
      for (Path f : files.toList()) {
        Path target = conf.resolve(TestSpark.confDir().relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    Path settlement = conf.resolve("policy/settlement.yml");
    String text = Files.readString(settlement);
    assertTrue(text.contains(from), from);
    Files.writeString(settlement, text.replace(from, to));
    return conf;
  }

  @Test
  void theRepositoryScorecardLoads() {
    Policy.load(TestSpark.confDir());
  }

  @Test
  void anIndicatorTheJobDoesNotPublishIsRefused() throws IOException {
    Path conf = confWith("indicator_id: family_doctor_signing_rate", "indicator_id: fd_sign_rate");
    String m = assertThrows(ConfigException.class, () -> Policy.load(conf)).getMessage();
    assertTrue(m.startsWith("settlement.score.scorecard"), m);
    assertTrue(m.contains("'fd_sign_rate'"), m);
    // through the CLI: exit 2
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
      assertEquals(Yibao.USAGE, Yibao.execute("--conf", conf.toString(), "--lake", tmp.resolve("lake").toString(),
          "tables"));
    } finally {
      System.setErr(err);
    }
    assertTrue(buf.toString(StandardCharsets.UTF_8).contains("fd_sign_rate"), buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aLevelTheJobDoesNotPublishIsRefused() throws IOException {
    // cost growth is published for regions only, never for a medical community
    Path conf = confWith("indicator_id: cost_growth_rate, level: county", "indicator_id: cost_growth_rate, level: medcommunity");
    String m = assertThrows(ConfigException.class, () -> Policy.load(conf)).getMessage();
    assertTrue(m.contains("settlement.score.scorecard") && m.contains("cost_growth_rate")
        && m.contains("'medcommunity'"), m);
  }

  @Test
  void aManualItemNoSourceProvidesIsRefused() throws IOException {
    Path conf = confWith("{item: no_fraud,", "{item: fraud,");
    String m = assertThrows(ConfigException.class, () -> Policy.load(conf)).getMessage();
    assertTrue(m.contains("settlement.score.scorecard") && m.contains("manual item 'fraud'"), m);
  }
}
