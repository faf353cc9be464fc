package org.yibao.lake.tests.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yibao.lake.common.config.ConfigException;
import org.yibao.lake.common.policy.Policy;
import org.yibao.lake.tests.TestSpark;

/** Every budget parameter is in conf/policy/budget.yml for the budget year; a missing one names its key. */
class BudgetConfigTest {
  private static final List<String> KEYS = List.of("budget.baseline.weights", "budget.growth.requested",
      "budget.growth.first_year", "budget.scheme.start_year", "budget.ceiling.surplus_margin",
      "budget.ceiling.fixed_categories", "budget.medcommunity.method", "budget.medcommunity.adjustment_rate",
      "budget.medcommunity.risk_rate", "budget.medcommunity.reserve_rate", "budget.medcommunity.factor.age",
      "budget.medcommunity.factor.disease", "budget.medcommunity.factor.performance", "budget.two_disease.dise_types",
      "budget.two_disease.categories", "budget.bed_day.max_occupancy", "budget.bed_day.deduction_rate");

  @Test
  void everyParameterHasAValueWithItsPolicySource() {
    Policy p = Policy.load(TestSpark.confDir());
    for (String k : KEYS) {
      p.node(k, 2026, "360102");
    }
    assertEquals(KEYS.size(), p.used().size());
    assertTrue(p.used().stream().allMatch(u -> !u.doc().isBlank() && u.source().equals("conf/policy/budget.yml")));
    JsonNode requested = p.node("budget.growth.requested", 2026, "*");
    assertTrue(requested.isNull(), "requested growth defaults to the cap (null)");
  }

  @Test
  void aYearWithoutParametersIsAnErrorNamingTheKey() {
    Policy p = Policy.load(TestSpark.confDir());
    ConfigException e = assertThrows(ConfigException.class,
        () -> p.decimal("budget.ceiling.surplus_margin", 2019, "360100"));
    assertTrue(e.getMessage().contains("budget.ceiling.surplus_margin"), e.getMessage());
  }
}
