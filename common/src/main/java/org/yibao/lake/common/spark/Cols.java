package org.yibao.lake.common.spark;

import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Small bridges from Java to Spark's Scala signatures. */
public final class Cols {
  private Cols() {}

  /** Column names as the Scala {@code Seq} that {@code Dataset.join(other, usingColumns)} takes. */
  public static Seq<String> seq(String... names) {
    return JavaConverters.asScalaBuffer(List.of(names)).toSeq();
  }
}
