package org.yibao.lake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.common.contract.ContractTable;
import org.yibao.lake.common.dq.DataQualityException;
import org.yibao.lake.tests.Landing;
import org.yibao.lake.tests.TestSpark;

/** Reading landed files as they came: encodings, a site's column names, line numbers, malformed lines. */
class LandingReaderTest {
  @TempDir Path tmp;
  static final ContractTable ADMDVS = ContractTable.loadAll(TestSpark.confDir()).get("admdvs");

  private List<Row> read(String header, List<String> rows, Charset cs, Map<String, String> columnMap) {
    new Landing(tmp).batch("admdvs", "b1", header, rows, cs, true);
    LandingBatch b = LandingBatch.scan(tmp.toString(), List.of("admdvs"),
        TestSpark.get().sparkContext().hadoopConfiguration()).get(0);
    return new LandingReader(TestSpark.get()).read(b, ADMDVS, cs, columnMap).orderBy("_row").collectAsList();
  }

  @Test
  void gb18030IsDecodedWhenConfigured() {
    List<Row> rows = read("admdvs,admdvs_name,admdvs_lv,prnt_admdvs", List.of("990101,青山县,3,990100"),
        Charset.forName("GB18030"), Map.of());
    assertEquals("青山县", rows.get(0).getAs("admdvs_name"));
    assertEquals(1L, rows.get(0).<Long>getAs("_row"));
  }

  @Test
  void aSitesOwnColumnNamesAreMappedAndMalformedLinesKept() {
    List<Row> rows = read("ADMDVS,NAME,admdvs_lv,prnt_admdvs", List.of("990101,青山县,3,990100", "990102,绿水县"),
        Charset.forName("UTF-8"), Map.of("NAME", "admdvs_name"));
    assertEquals("青山县", rows.get(0).getAs("admdvs_name"));
    assertNull(rows.get(0).getAs(LandingReader.CORRUPT));
    assertNotNull(rows.get(1).getAs(LandingReader.CORRUPT));  // two fields short: malformed_row
    assertEquals(2L, rows.get(1).<Long>getAs("_row"));
  }

  @Test
  void lineNumbersHoldAcrossTheSplitsOfALargeFile() {
    // 3000 lines of ~25 bytes read in 4 KiB splits (about 18 partitions): line i carries admdvs 100000 + i
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 1; i <= 3000; i++) {
      lines.add((100000 + i) + ",县" + i + ",3,990100");
    }
    org.apache.spark.sql.RuntimeConfig conf = TestSpark.get().conf();
    String before = conf.get("spark.sql.files.maxPartitionBytes");
    conf.set("spark.sql.files.maxPartitionBytes", "4096");
    try {
      List<Row> rows = read("admdvs,admdvs_name,admdvs_lv,prnt_admdvs", lines, Charset.forName("UTF-8"), Map.of());
      assertEquals(3000, rows.size());
      LandingBatch b = LandingBatch.scan(tmp.toString(), List.of("admdvs"),
          TestSpark.get().sparkContext().hadoopConfiguration()).get(0);
      int partitions = new LandingReader(TestSpark.get()).read(b, ADMDVS, Charset.forName("UTF-8"), Map.of())
          .javaRDD().getNumPartitions();
      org.junit.jupiter.api.Assertions.assertTrue(partitions > 10, "split into " + partitions);
      for (Row r : rows) {
        assertEquals(Long.parseLong(r.<String>getAs("admdvs")) - 100000, r.<Long>getAs("_row"));
      }
    } finally {
      conf.set("spark.sql.files.maxPartitionBytes", before);
    }
  }

  @Test
  void aMissingContractColumnIsAClearDataError() {
    org.junit.jupiter.api.Assertions.assertThrows(DataQualityException.class,
        () -> read("admdvs,admdvs_lv,prnt_admdvs", List.of("990101,3,990100"), Charset.forName("UTF-8"), Map.of()));
  }
}
