package org.yibao.lake.common.policy.indicator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/**
 * Readmission within N days (重复住院率), docs/policy.md §9, GD-2019 附件1 三. The one place the rule lives.
 *
 * <ol>
 *   <li>Input: valid inpatient settlements only (reversals and reversed settlements never count).</li>
 *   <li>A transfer is one stay: when the next admission of the same person begins on the day the
 *       previous one ended, at another institution, both are merged into one episode (admitted where the
 *       first began, discharged where the last ended). Chains of transfers merge whole.</li>
 *   <li>Index stay: every episode whose window has been observed: an inpatient stay reaches the data only
 *       when it is settled, some time after its admission, so a readmission admitted late in the window may
 *       not be settled yet. The window counts as observed when {@code enddate + N + settlement lag <=
 *       lastDataDate} (lag from config); otherwise it is censored and the episode is not an index.</li>
 *   <li>Readmission: another episode of the same person admitted {@code 0..N} days after the index
 *       discharge ({@code begndate − index enddate}). Day 0 can only be the same institution (a different one
 *       on day 0 is a transfer and was merged): discharging and readmitting a patient the same day is the
 *       plainest split stay (分解住院), so it counts.</li>
 *   <li>Planned readmissions do not count: a later episode admitted with a main diagnosis starting with
 *       a configured code (ICD-10 {@code Z51}: chemotherapy, radiotherapy sessions …) was scheduled, not a
 *       failure of the index stay. The index itself still counts in the denominator.</li>
 *   <li>Each index counts once, however many readmissions fall in its window. Variants: any institution;
 *       the same institution as the index discharge (suspected split stay); the same main diagnosis
 *       (first 3 characters of ICD-10 {@code dise_codg}) as the index discharge.</li>
 * </ol>
 */
public final class Readmission {
  private Readmission() {}

  /**
   * Transfers merged into episodes. Input columns: {@code setl_id, psn_no, insutype, insuplc_admdvs,
   * fixmedins_code, begndate, enddate, setl_date, dise_codg}. Output: one row per episode with
   * {@code psn_no, episode_no, begndate, enddate, admit_fixmedins_code, admit_dise3, admit_dise_codg, fixmedins_code,
   * dise3, insutype, insuplc_admdvs, setl_date} (the last four of the discharging stay).
   */
  public static Dataset<Row> episodes(Dataset<Row> stays) {
    WindowSpec byPerson = Window.partitionBy("psn_no").orderBy("begndate", "enddate", "setl_id");
    Column transfer = col("begndate").equalTo(functions.lag("enddate", 1).over(byPerson))
        .and(col("fixmedins_code").notEqual(functions.lag("fixmedins_code", 1).over(byPerson)));
    Column ord = functions.struct(col("begndate"), col("enddate"), col("setl_id"));
    return stays
        .withColumn("dise3", functions.substring(col("dise_codg"), 1, 3))
        .withColumn("_new", when(transfer, 0).otherwise(1))
        .withColumn("episode_no", functions.sum("_new").over(byPerson.rowsBetween(Window.unboundedPreceding(), 0)))
        .groupBy("psn_no", "episode_no")
        .agg(functions.min("begndate").as("begndate"), functions.max("enddate").as("enddate"),
            functions.min_by(col("fixmedins_code"), ord).as("admit_fixmedins_code"),
            functions.min_by(col("dise3"), ord).as("admit_dise3"),
            functions.min_by(col("dise_codg"), ord).as("admit_dise_codg"),
            functions.max_by(col("fixmedins_code"), ord).as("fixmedins_code"),
            functions.max_by(col("dise3"), ord).as("dise3"),
            functions.max_by(col("insutype"), ord).as("insutype"),
            functions.max_by(col("insuplc_admdvs"), ord).as("insuplc_admdvs"),
            functions.max_by(col("setl_date"), ord).as("setl_date"));
  }

  /**
   * Index stays for a window of {@code windowDays}: the episodes of {@link #episodes} whose window has been
   * observed ({@code enddate + windowDays + lagDays <= lastDataDate}), each with {@code is_readmit_any},
   * {@code is_readmit_same_medins} and {@code is_readmit_same_diagnosis} (true when at least one unplanned
   * readmission of that kind falls in the window). {@code plannedPrefixes}: main-diagnosis code prefixes
   * of a planned admission, never a readmission.
   */
  public static Dataset<Row> indexStays(Dataset<Row> episodes, int windowDays, int lagDays, List<String> plannedPrefixes,
                                        LocalDate lastDataDate) {
    Dataset<Row> index = episodes.filter(functions.date_add(col("enddate"), windowDays + lagDays)
        .leq(lit(java.sql.Date.valueOf(lastDataDate))));
    Column planned = lit(false);
    for (String p : plannedPrefixes) {
      planned = planned.or(functions.coalesce(col("admit_dise_codg"), lit("")).startsWith(p));
    }
    Dataset<Row> next = episodes.filter(functions.not(planned))
        .select(col("psn_no").as("_psn"), col("episode_no").as("_ep"),
            col("begndate").as("_begn"), col("admit_fixmedins_code").as("_fix"), col("admit_dise3").as("_dise3"));
    Column gap = functions.datediff(col("_begn"), col("enddate"));
    Column inWindow = col("psn_no").equalTo(col("_psn")).and(col("_ep").notEqual(col("episode_no")))
        .and(gap.between(0, windowDays));
    return index.join(next, inWindow, "left")
        .groupBy("psn_no", "episode_no", "enddate", "fixmedins_code", "dise3", "insutype", "insuplc_admdvs",
            "setl_date")
        .agg(flag(col("_psn").isNotNull()).as("is_readmit_any"),
            flag(col("_fix").equalTo(col("fixmedins_code"))).as("is_readmit_same_medins"),
            flag(col("_dise3").equalTo(col("dise3"))).as("is_readmit_same_diagnosis"));
  }

  private static Column flag(Column c) {
    return functions.max(functions.coalesce(c, lit(false)));
  }
}
