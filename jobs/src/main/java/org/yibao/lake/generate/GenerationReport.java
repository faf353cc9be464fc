package org.yibao.lake.generate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a generation run landed, written as {@code <out>/_generator_report.json}. It contains no
 * path or time, so two runs with the same options produce the same report.
 *
 * @param options              the options, as text (the output folder left out)
 * @param rows                 rows landed by table and batch
 * @param injected             dirty rows by rule code (each fails exactly that rule); empty when clean
 * @param skippedRules         rule codes that this format cannot carry (Parquet: bad_date, bad_amount)
 * @param legitimateEvents     duplicate, correction and reversal rows landed
 * @param suspiciousInstitutions institutions with frequent same-hospital readmissions (split stays)
 * @param suspiciousRule       how those readmissions were generated
 * @param specialCaseOutlier   the DIP institution whose special-case share is set above 5 per mille
 * @param setlMedfeeSumamt     total {@code medfee_sumamt} of all landed setl rows that parse
 * @param setlHifpPay          total {@code hifp_pay} of all landed setl rows
 * @param personYears          enrolled person-years in the period
 * @param inpatientSettlements simulated inpatient settlements (before dirt and events)
 * @param plantedAnomalies     the anomalies planted on purpose (split stays, siphoning, cost spike, the
 *                             special-case outlier) and the indicator each should show on
 */
public record GenerationReport(Map<String, String> options, Map<String, Map<String, Long>> rows,
                               Map<String, Long> injected, List<String> skippedRules,
                               Map<String, Long> legitimateEvents, List<String> suspiciousInstitutions,
                               String suspiciousRule, String specialCaseOutlier, BigDecimal setlMedfeeSumamt,
                               BigDecimal setlHifpPay, BigDecimal personYears, long inpatientSettlements,
                               List<PlantedAnomaly> plantedAnomalies) {

  /** A few lines for a person reading stderr. */
  public String summary() {
    StringBuilder sb = new StringBuilder("generated landing:\n");
    rows.forEach((table, batches) -> sb.append(String.format("  %-13s %,12d rows in %d batch(es)%n", table,
        batches.values().stream().mapToLong(Long::longValue).sum(), batches.size())));
    sb.append("  setl medfee_sumamt ").append(setlMedfeeSumamt).append(", hifp_pay ").append(setlHifpPay)
        .append('\n');
    sb.append("  person-years ").append(personYears).append(", inpatient settlements ").append(inpatientSettlements)
        .append('\n');
    if (!injected.isEmpty()) {
      sb.append("  injected ").append(injected).append('\n');
      sb.append("  legitimate events ").append(legitimateEvents).append('\n');
    }
    if (!skippedRules.isEmpty()) {
      sb.append("  not injectable in this format: ").append(skippedRules).append('\n');
    }
    sb.append("  suspicious institutions (split stays) ").append(suspiciousInstitutions).append('\n');
    sb.append("  planted anomalies:\n");
    for (PlantedAnomaly a : plantedAnomalies) {
      sb.append(String.format("    %-20s %-8s %-16s %s %s%n", a.kind(), a.level(), a.entity(), a.indicatorId(),
          a.years()));
    }
    return sb.toString();
  }
}
