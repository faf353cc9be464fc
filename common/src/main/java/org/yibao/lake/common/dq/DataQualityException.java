package org.yibao.lake.common.dq;

/** An expectation with action {@code fail} broke, or a batch did not reconcile: the CLI exits 3. */
public class DataQualityException extends RuntimeException {
  public DataQualityException(String message) {
    super(message);
  }
}
