package org.yibao.lake.common.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.yibao.lake.common.table.TableId;

/**
 * What a job promises: its output table, inputs, grain (unique, non-null keys, checked before every
 * write), the period column a rerun replaces, and which money column is reconciled in and out.
 *
 * @param periodColumn column holding the period ({@code yyyy-MM} string for {@link PeriodKind#MONTH}, int
 *     year for {@link PeriodKind#YEAR}, {@code yyyy-MM} or {@code yyyy} string for {@link PeriodKind#CALENDAR});
 *     null for tables always rewritten whole
 */
public record JobSpec(
    TableId output,
    List<TableId> inputs,
    List<TableId> optionalInputs,
    List<String> grain,
    List<String> partitionBy,
    String periodColumn,
    PeriodKind periodKind,
    TableId moneyInTable,
    String moneyInColumn,
    String moneyOutColumn,
    String policyDoc,
    String runKeyColumn) {

  /**
   * How the period column is keyed: {@code MONTH} a {@code yyyy-MM} string, {@code YEAR} an int year,
   * {@code CALENDAR} a string holding {@code yyyy-MM} on month rows and {@code yyyy} on year rows of the
   * same table (a {@code --month} run replaces that month's rows, a {@code --year} run that year's row).
   */
  public enum PeriodKind { MONTH, YEAR, CALENDAR }

  public static Builder of(TableId output) {
    return new Builder(output);
  }

  public String name() {
    return output.toString();
  }

  /** Fluent builder so a job's header reads like its declaration. */
  public static final class Builder {
    private final TableId output;
    private final List<TableId> inputs = new ArrayList<>();
    private final List<TableId> optional = new ArrayList<>();
    private List<String> grain = List.of();
    private List<String> partitionBy = List.of();
    private String periodColumn;
    private PeriodKind periodKind;
    private TableId moneyInTable;
    private String moneyIn;
    private String moneyOut;
    private String doc = "";
    private String runKey;

    private Builder(TableId output) {
      this.output = output;
    }

    public Builder inputs(TableId... t) {
      inputs.addAll(List.of(t));
      return this;
    }

    /** Inputs used when present (e.g. a table another issue's job writes). */
    public Builder optionalInputs(TableId... t) {
      optional.addAll(List.of(t));
      return this;
    }

    public Builder grain(String... cols) {
      grain = List.of(cols);
      return this;
    }

    public Builder partitionBy(String... cols) {
      partitionBy = List.of(cols);
      return this;
    }

    public Builder period(String column, PeriodKind kind) {
      periodColumn = column;
      periodKind = kind;
      return this;
    }

    /** Money reconciled by the run log: the sum of {@code in} over {@code table} vs the sum of {@code out}. */
    public Builder money(TableId table, String in, String out) {
      moneyInTable = table;
      moneyIn = in;
      moneyOut = out;
      return this;
    }

    /**
     * Output rows belong to one run (a budget or settlement run): the job writes {@code column =
     * runId} itself and the runner replaces exactly that run, never another.
     */
    public Builder keyedByRun(String column) {
      runKey = column;
      return this;
    }

    public Builder doc(String policyDoc) {
      doc = policyDoc;
      return this;
    }

    public JobSpec build() {
      if (grain.isEmpty()) {
        throw new IllegalStateException(output + ": every job must declare the grain of its output");
      }
      if (runKey != null && periodColumn != null) {
        throw new IllegalStateException(output + ": a run-keyed table has no period column");
      }
      if (runKey != null && !grain.contains(runKey)) {
        throw new IllegalStateException(output + ": the run key " + runKey + " must be part of the grain");
      }
      if (moneyInTable != null && !inputs.contains(moneyInTable)) {
        throw new IllegalStateException(output + ": money input " + moneyInTable + " is not a declared input");
      }
      return new JobSpec(output, List.copyOf(inputs), List.copyOf(optional), grain, partitionBy, periodColumn,
          periodKind, moneyInTable, moneyIn, moneyOut, Objects.requireNonNullElse(doc, ""), runKey);
    }
  }
}
