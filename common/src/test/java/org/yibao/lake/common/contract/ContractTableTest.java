package org.yibao.lake.common.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yibao.lake.common.dq.Expectation;

/** The contract and the expectations in conf/ load and agree with conf/contract. */
class ContractTableTest {
  static final Path CONF = Path.of(System.getProperty("yibao.project.dir", "..")).resolve("conf");

  @Test
  void everyLandingTableOfTheContractIsDefinedInIngestOrder() {
    Map<String, ContractTable> all = ContractTable.loadAll(CONF);
    assertEquals(List.of("admdvs", "medcommunity", "medins", "psn", "insu", "chronic_reg", "fd_sign", "fund_revenue",
        "manual_score", "setl"), List.copyOf(all.keySet()));
    ContractTable setl = all.get("setl");
    assertEquals(List.of("setl_id"), setl.key());
    assertEquals(31, setl.columns().size());
    assertEquals("medfee_sumamt", setl.headlineMoney());
    assertEquals(ContractTable.PiiAction.HASH, all.get("psn").pii().get("certno"));
    assertEquals(ContractTable.PiiAction.DROP, all.get("psn").pii().get("psn_name"));
  }

  @Test
  void everySetlIntegrityRuleOfTheContractHasAnExpectation() {
    List<String> names = Expectation.load(CONF, "setl").stream().map(Expectation::name).toList();
    for (String rule : List.of("medfee_balance", "fund_balance", "negative_amount", "date_order", "unknown_insutype",
        "unknown_med_type", "unknown_medins", "unknown_insuplc", "unknown_mdtrtarea", "reversal_orphan",
        "bad_date", "bad_amount", "bad_encoding", "missing_key", "malformed_row")) {
      assertTrue(names.contains(rule), rule);
    }
    assertFalse(Expectation.load(CONF, "admdvs").stream().noneMatch(e -> e.action() == Expectation.Action.FAIL));
  }
}
