package org.yibao.lake.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs against the repository's own conf/ (yibao.project.dir is set by surefire). */
class LakeSettingsTest {
  static final Path CONF = Path.of(System.getProperty("yibao.project.dir", "..")).resolve("conf");

  @Test
  void precedenceIsFileThenEnvironmentThenCommandLine() {
    LakeSettings file = LakeSettings.load(new LakeSettings.Overrides(null, CONF, null), Map.of());
    assertEquals("./lake", file.lake());
    LakeSettings env = LakeSettings.load(new LakeSettings.Overrides(null, CONF, null), Map.of("YIBAO_LAKE", "/data/lake"));
    assertEquals("/data/lake", env.lake());
    LakeSettings cli = LakeSettings.load(new LakeSettings.Overrides("s3a://b/lake", CONF, "local[2]"),
        Map.of("YIBAO_LAKE", "/data/lake"));
    assertEquals("s3a://b/lake", cli.lake());
    assertEquals("local[2]", cli.master());
  }

  @Test
  void thePiiKeyComesFromTheEnvironmentAndIsMasked() {
    LakeSettings none = LakeSettings.load(new LakeSettings.Overrides(null, CONF, null), Map.of());
    ConfigException e = assertThrows(ConfigException.class, none::requirePiiKey);
    assertTrue(e.getMessage().contains("YIBAO_PII_KEY"));
    LakeSettings s = LakeSettings.load(new LakeSettings.Overrides(null, CONF, null),
        Map.of("YIBAO_PII_KEY", "a-secret-key-of-some-length"));
    assertEquals("a-secret-key-of-some-length", s.requirePiiKey());
    assertFalse(s.toString().contains("a-secret-key"));
    assertThrows(ConfigException.class, () -> LakeSettings.load(new LakeSettings.Overrides(null, CONF, null),
        Map.of("YIBAO_PII_KEY", "short")).requirePiiKey());
  }

  @Test
  void personLevelTablesAreRecognised() {
    LakeSettings s = LakeSettings.load(new LakeSettings.Overrides(null, CONF, null), Map.of());
    assertTrue(s.isPersonLevel("ods.setl"));
    assertTrue(s.isPersonLevel("dwd.setl"));
    assertFalse(s.isPersonLevel("dws.fund_expenditure_month"));
  }

  @Test
  void suppressedColumnsAreThoseOfEveryTablePlusTheTablesOwn() {
    LakeSettings s = LakeSettings.load(new LakeSettings.Overrides(null, CONF, null), Map.of());
    assertEquals(java.util.List.of("numerator", "denominator", "value", "excess"), s.suppressedColumnsFor("ads.indicator"));
    assertEquals(java.util.List.of("numerator", "denominator", "value", "excess", "setl_cnt", "psn_cnt", "medfee_sumamt",
        "hifp_pay"), s.suppressedColumnsFor("ads.flow_od"));
  }

  @Test
  void aMissingConfFolderIsAUsageError() {
    assertThrows(ConfigException.class,
        () -> LakeSettings.load(new LakeSettings.Overrides(null, Path.of("/no/such/conf"), null), Map.of()));
  }
}
