package org.yibao.lake.jobs.settlement;

import java.math.BigDecimal;
import java.util.Map;
import org.yibao.lake.common.dq.DataQualityException;

/**
 * Conservation checks run inside every year-end settlement (docs/policy.md §7): a broken one fails the
 * run with {@link DataQualityException} (exit 3) before anything is written.
 */
final class Conservation {
  private Conservation() {}

  /**
   * Over the year a community receives exactly its entitlement less the forfeited deposit:
   * {@code prepay + Σ net monthly + final = entitlement − deposit_withheld × (1 − score factor)}.
   */
  static void receivedIsEntitlementLessForfeit(String community, BigDecimal received, BigDecimal entitlement,
      BigDecimal forfeited) {
    BigDecimal due = entitlement.subtract(forfeited);
    if (received.compareTo(due) != 0) {
      throw new DataQualityException("year-end of " + community + ": received " + received.toPlainString()
          + " (prepay + net monthly + final) != entitlement " + entitlement.toPlainString() + " − forfeited deposit "
          + forfeited.toPlainString() + " = " + due.toPlainString());
    }
  }

  /**
   * Every yuan of the in-scheme counties' insured is in exactly one place: a community's members' own
   * spending, their DIP part (settled by the DIP pool), or the county's spending outside the members — and
   * the latter, shared among a county's communities, adds back up to the county's figure.
   */
  static void everyYuanOnce(SettlementData.Spending spend, Map<String, BigDecimal[]> communityParts) {
    BigDecimal placed = BigDecimal.ZERO;
    for (String c : spend.byCommunity().keySet()) {
      SettlementData.Spend s = spend.year(c);
      placed = placed.add(s.member()).add(s.memberDip());
    }
    BigDecimal countyOutside = BigDecimal.ZERO;
    for (SettlementData.CountySpend cs : spend.byCounty().values()) {
      countyOutside = countyOutside.add(cs.nonMember()).add(cs.outside());
    }
    BigDecimal shared = BigDecimal.ZERO;
    for (BigDecimal[] p : communityParts.values()) {
      shared = shared.add(p[0]).add(p[1]);
    }
    if (placed.add(countyOutside).compareTo(spend.countyTotal()) != 0) {
      throw new DataQualityException("year-end: the counties' insured spent " + spend.countyTotal().toPlainString()
          + " but members + DIP parts + outside the members add up to " + placed.add(countyOutside).toPlainString());
    }
    if (shared.compareTo(countyOutside) != 0) {
      throw new DataQualityException("year-end: spending outside the members shared among communities adds up to "
          + shared.toPlainString() + ", the counties' figure is " + countyOutside.toPlainString()
          + " (a county counted twice or not at all)");
    }
  }

  /**
   * After the DIP point value of the same year-end run: the DIP part taken out of each community's actual
   * ({@code member_dip_amt}) is held by the DIP pool — the pool's claimed amount at the community's members
   * (all insured) is at least that much — so a member's DIP case is settled once, not twice and not never.
   */
  static void dipPartsHeldByThePool(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> yearEnd,
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> dip, Map<String, SettlementData.Institution> institutions,
      String runId) {
    Map<String, BigDecimal> pool = new java.util.HashMap<>();
    for (org.apache.spark.sql.Row r : dip.filter(org.apache.spark.sql.functions.col("settlement_run_id").equalTo(runId)
            .and(org.apache.spark.sql.functions.col("row_kind").notEqual("city")))
        .select("fixmedins_code", "claimed_amt").collectAsList()) {
      SettlementData.Institution i = institutions.get(r.getString(0));
      if (i != null && i.medcommunityId() != null && !r.isNullAt(1)) {
        pool.merge(i.medcommunityId(), r.getDecimal(1), BigDecimal::add);
      }
    }
    for (org.apache.spark.sql.Row r : yearEnd.filter(org.apache.spark.sql.functions.col("settlement_run_id").equalTo(runId))
        .select("medcommunity_id", "member_dip_amt").collectAsList()) {
      BigDecimal part = r.isNullAt(1) ? BigDecimal.ZERO : r.getDecimal(1);
      BigDecimal held = pool.getOrDefault(r.getString(0), BigDecimal.ZERO);
      if (part.compareTo(held) > 0) {
        throw new DataQualityException("year-end of " + r.getString(0) + ": its members' DIP part " + part.toPlainString()
            + " is out of the community's actual, but the DIP pool (ads.dip_point_value) holds only "
            + held.toPlainString() + " at its members: settled by nobody");
      }
    }
  }
}
