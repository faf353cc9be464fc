package org.yibao.lake.generate;

import java.io.Closeable;
import java.io.IOException;

/** Streams the rows of one table in one batch into one landing file. */
interface TableWriter extends Closeable {
  void write(Object[] row) throws IOException;
}
