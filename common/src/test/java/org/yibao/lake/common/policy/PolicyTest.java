package org.yibao.lake.common.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.common.config.ConfigException;

class PolicyTest {
  @TempDir Path conf;
  Policy policy;

  @BeforeEach
  void write() throws IOException {
    Files.createDirectories(conf.resolve("policy"));
    Files.writeString(conf.resolve("policy/budget.yml"), """
        parameters:
          budget.baseline.weights:
            - {years: "2020-", region: "*", value: [1, 2, 7], doc: "JX-2026 二(二)4"}
            - {years: "2027-", region: "990100", value: [2, 3, 5], doc: "city notice"}
          budget.surplus_margin:
            - {years: "2020-2025", value: 0.02, doc: "JX-2026 二(一)1"}
            - {years: "2026-", value: 0.03, doc: "JX-2026 二(一)1"}
            - {years: "2026-", region: "990000", value: 0.025, doc: "province"}
            - {years: "2026-", region: "990101", value: 0.01, doc: "county"}
          budget.first_year_growth:
            - {years: "2020-", value: true}
        """);
    policy = Policy.load(conf);
  }

  @Test
  void theEntryCoveringTheYearApplies() {
    assertEquals(new BigDecimal("0.02"), policy.decimal("budget.surplus_margin", 2025, null));
    assertEquals(new BigDecimal("0.03"), policy.decimal("budget.surplus_margin", 2026, null));
  }

  @Test
  void theMostSpecificRegionWins() {
    assertEquals(new BigDecimal("0.01"), policy.decimal("budget.surplus_margin", 2026, "990101"));   // county
    assertEquals(new BigDecimal("0.025"), policy.decimal("budget.surplus_margin", 2026, "990102"));  // province
    assertEquals(new BigDecimal("0.025"), policy.decimal("budget.surplus_margin", 2026, "990100"));  // province
    assertEquals(List.of(new BigDecimal("2"), new BigDecimal("3"), new BigDecimal("5")),
        policy.decimals("budget.baseline.weights", 2027, "990101"));  // the city's entry covers its county
    assertEquals(List.of(BigDecimal.ONE, new BigDecimal("2"), new BigDecimal("7")),
        policy.decimals("budget.baseline.weights", 2026, "990101"));  // not yet in force
  }

  @Test
  void aMissingParameterNamesTheKeyAndTheYear() {
    ConfigException e = assertThrows(ConfigException.class, () -> policy.decimal("budget.surplus_margin", 2019, null));
    assertTrue(e.getMessage().contains("budget.surplus_margin") && e.getMessage().contains("2019"), e.getMessage());
    assertThrows(ConfigException.class, () -> policy.decimal("budget.no_such_key", 2026, null));
  }

  @Test
  void usedParametersAreRecordedWithTheirSource() {
    policy.bool("budget.first_year_growth", 2026, "990100");
    Policy.Used u = policy.used().get(0);
    assertEquals("budget.first_year_growth", u.key());
    assertEquals("conf/policy/budget.yml", u.source());
  }

  @Test
  void overridesReplaceTheValueAndChangeTheVersion() {
    Policy p = policy.withOverrides(Map.of("budget.surplus_margin", "0.05"));
    assertEquals(new BigDecimal("0.05"), p.decimal("budget.surplus_margin", 2026, "990101"));
    assertNotEquals(policy.version(), p.version());
    assertThrows(ConfigException.class, () -> policy.withOverrides(Map.of("no.such", "1")));
  }

  @Test
  void typeMismatchIsAClearError() {
    assertThrows(ConfigException.class, () -> policy.bool("budget.surplus_margin", 2026, null));
  }

  @Test
  void yearsParse() {
    assertEquals(new Years(2024, Integer.MAX_VALUE), Years.parse("2024-", "t"));
    assertEquals(new Years(2024, 2025), Years.parse("2024-2025", "t"));
    assertEquals(new Years(2026, 2026), Years.parse("2026", "t"));
    assertThrows(ConfigException.class, () -> Years.parse("2026-2024", "t"));
    assertThrows(ConfigException.class, () -> Years.parse("twenty", "t"));
  }
}
