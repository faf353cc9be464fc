package org.yibao.lake.generate;

import java.util.List;

/**
 * One anomaly the generator plants on purpose, and what the monitoring (docs/policy.md §9) should show
 * for it. Everything else in the synthetic province is calibrated to stay inside the thresholds of
 * {@code conf/policy/indicators.yml}, so these are meant to be the only warnings.
 *
 * @param kind        {@code split_stay}, {@code siphoning}, {@code cost_spike} or {@code special_case_outlier}
 * @param level       level of the entity in {@code ads.indicator}: {@code medins}, {@code county}, {@code city},
 *                    {@code province}
 * @param entity      its code (institution code or admdvs)
 * @param indicatorId the indicator that shows it
 * @param years       the years in which it shows (period {@code yyyy}, insutype {@code all})
 * @param alerts      true when the indicator has a threshold the anomaly breaks (an {@code ads.alert} row);
 *                    false for a trend indicator (no threshold in conf/, it shows as a change)
 * @param expect      what should be seen, in words
 */
public record PlantedAnomaly(String kind, String level, String entity, String indicatorId, List<Integer> years,
                             boolean alerts, String expect) {
}
