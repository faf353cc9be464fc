package org.yibao.lake.common.job;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.yibao.lake.common.table.TableId;

/** The input tables of one run, each pinned at the Delta version the run recorded. */
public final class Inputs {
  private final Map<TableId, Dataset<Row>> frames;
  private final Map<TableId, Long> versions;

  public Inputs(Map<TableId, Dataset<Row>> frames, Map<TableId, Long> versions) {
    this.frames = Map.copyOf(frames);
    this.versions = Map.copyOf(versions);
  }

  public Dataset<Row> get(TableId t) {
    Dataset<Row> df = frames.get(t);
    if (df == null) {
      throw new IllegalStateException(t + " is not an input of this job (declare it in spec())");
    }
    return df;
  }

  /** An optional input, empty when the table does not exist. */
  public Optional<Dataset<Row>> optional(TableId t) {
    return Optional.ofNullable(frames.get(t));
  }

  public Map<TableId, Long> versions() {
    return versions;
  }
}
