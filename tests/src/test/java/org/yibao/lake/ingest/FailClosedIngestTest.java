package org.yibao.lake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yibao.lake.tests.Landing.Setl.row;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.cli.Yibao;
import org.yibao.lake.common.config.LakeSettings;
import org.yibao.lake.common.dq.DataQualityException;
import org.yibao.lake.common.lake.Lake;
import org.yibao.lake.common.table.Tables;
import org.yibao.lake.tests.Landing;
import org.yibao.lake.tests.TestSpark;

/**
 * Ingest fails closed: a delivery the contract does not describe, a batch re-delivered with other
 * content, and rows that used to slip through (three decimals, a future date, a reversal that does not
 * negate its original, a whole file in the wrong encoding, a header naming a column twice) each end in a
 * quarantine reason or a one-line error — and every expectation rule of every table is hit by a bad row.
 */
class FailClosedIngestTest {
  @TempDir Path tmp;

  private static final String MEDINS_HEADER =
      "fixmedins_code,fixmedins_name,admdvs,hosp_lv,medins_type,medcommunity_id,lead_flag,aprv_bed_cnt,begndate,enddate";

  /** Divisions and one institution: what the settlement rules look things up in. */
  private static Landing reference(Landing l, String batch) {
    l.batch("admdvs", batch, "admdvs,admdvs_name,admdvs_lv,prnt_admdvs",
        List.of("990000,测试省,1,", "990100,云岭市,2,990000", "990101,青山县,3,990100"));
    l.batch("medins", batch, MEDINS_HEADER,
        List.of("H990101002,青山镇卫生院,990101,0,township,,0,30,2015-01-01,"));
    return l;
  }

  private Lake lake(Path dir) {
    return new Lake(TestSpark.get(), dir.toString());
  }

  private List<BatchResult> ingest(Path lakeDir, Path landing) {
    LakeSettings s = TestSpark.settings(lakeDir, TestSpark.confDir());
    return new IngestPipeline(lake(lakeDir), s, "t", "test").ingest(landing.toString());
  }

  private static Map<String, String> status(Lake lake) {
    return lake.read(Tables.OPS_BATCH).collectAsList().stream().collect(Collectors.toMap(
        r -> r.<String>getAs("source_table") + "/" + r.<String>getAs("batch"), r -> r.<String>getAs("status"),
        (a, b) -> a, TreeMap::new));
  }

  @Test
  void aDeliveryWithoutARecognisedDataFileIsRejectedAndHoldsBackItsTable() throws Exception {
    Path landing = tmp.resolve("landing");
    Landing l = reference(new Landing(landing), "2024-01-01");
    l.batch("setl", "2024-01-01", Landing.Setl.HEADER, List.of(row("S001")));
    l.batch("setl", "2024-01-02", Landing.Setl.HEADER, List.of(row("S002")));
    Path day1 = landing.resolve("setl/2024-01-01");
    Files.move(day1.resolve("part-00000.csv"), day1.resolve("part-00000.CSV"));
    Path lakeDir = tmp.resolve("lake");

    // through the CLI, as the scheduler calls it: exit 3 and one line naming the batch and the file
    Path summary = tmp.resolve("summary.json");
    int exit = Yibao.execute("--conf", TestSpark.confDir().toString(), "--lake", lakeDir.toString(),
        "--master", "local[2]", "--summary", summary.toString(), "ingest", "--landing", landing.toString());
    assertEquals(Yibao.DATA_QUALITY, exit);
    // what a scheduler reads: the exit, the line, and per table-batch what was committed
    com.fasterxml.jackson.databind.JsonNode s = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(summary.toFile());
    assertEquals(3, s.get("exit_code").asInt());
    assertEquals("data_quality_failure", s.get("status").asText());
    assertTrue(s.get("error").asText().contains("setl/2024-01-01 rejected"), s.get("error").asText());
    Map<String, String> inSummary = new TreeMap<>();
    s.get("batches").forEach(b -> inSummary.put(b.get("source_table").asText() + "/" + b.get("batch").asText(),
        b.get("status").asText()));
    assertEquals(Map.of("admdvs/2024-01-01", "ok", "medins/2024-01-01", "ok", "setl/2024-01-01", "rejected",
        "setl/2024-01-02", "rejected"), inSummary);
    assertEquals(false, s.get("reconciliation").get("all_reconciled").asBoolean());
    assertTrue(s.get("jobs").size() > 0, "the dwd jobs the ingest ran are listed");
    Lake lake = lake(lakeDir);
    assertEquals(Map.of("admdvs/2024-01-01", "ok", "medins/2024-01-01", "ok", "setl/2024-01-01", "rejected",
        "setl/2024-01-02", "rejected"), status(lake));
    Row rejected = lake.read(Tables.OPS_BATCH).filter(col("batch").equalTo("2024-01-01")
        .and(col("source_table").equalTo("setl"))).head();
    assertTrue(rejected.<String>getAs("message").contains("part-00000.CSV"), rejected.<String>getAs("message"));
    Row held = lake.read(Tables.OPS_BATCH).filter(col("batch").equalTo("2024-01-02")).head();
    assertTrue(held.<String>getAs("message").contains("held back"), held.<String>getAs("message"));
    assertFalse(lake.exists(Tables.ods("setl")), "nothing of the table is ingested out of order");

    // the operator fixes the file name: both batches go in, in order
    Files.move(day1.resolve("part-00000.CSV"), day1.resolve("part-00000.csv"));
    List<BatchResult> fixed = ingest(lakeDir, landing);
    assertTrue(fixed.stream().noneMatch(BatchResult::needsOperator));
    assertEquals("ok", status(lake).get("setl/2024-01-01"));
    assertEquals("ok", status(lake).get("setl/2024-01-02"));
    assertEquals(2, lake.read(Tables.ods("setl")).count());
  }

  @Test
  void aBatchRedeliveredWithOtherContentIsFlaggedAndTheLakeKeepsWhatWasIngested() throws Exception {
    Path landing = tmp.resolve("landing");
    reference(new Landing(landing), "2024-01-01")
        .batch("setl", "2024-01-01", Landing.Setl.HEADER, List.of(row("S001")));
    Path lakeDir = tmp.resolve("lake");
    ingest(lakeDir, landing);
    Path file = landing.resolve("setl/2024-01-01/part-00000.csv");
    String original = Files.readString(file);

    // the same bytes written again (a new modification time): not a re-delivery
    Files.writeString(file, original);
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    assertTrue(ingest(lakeDir, landing).isEmpty());

    // other content of the same size (S001 -> S009): noticed through the hash, flagged, never read
    Files.writeString(file, original.replace("S001", "S009"));
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10000));
    List<BatchResult> again = ingest(lakeDir, landing);
    assertEquals(1, again.size());
    assertEquals(BatchResult.REDELIVERED, again.get(0).status());
    assertTrue(again.get(0).message().contains("changed content"), again.get(0).message());
    Lake lake = lake(lakeDir);
    assertEquals("redelivered", status(lake).get("setl/2024-01-01"));
    assertEquals(List.of("S001"), lake.read(Tables.ods("setl")).select("setl_id").collectAsList().stream()
        .map(r -> r.getString(0)).toList());

    // a file added to the folder: flagged too
    Files.writeString(landing.resolve("setl/2024-01-01/part-00001.csv"), original);
    assertTrue(ingest(lakeDir, landing).get(0).message().contains("new file part-00001.csv"));
  }

  @Test
  void rowsThatUsedToPassAreQuarantinedWithTheirReason() {
    Path landing = tmp.resolve("landing");
    // R001 reverses S001 (200.00 / hifp 100.00) but gives back only 90.00 of the pooled fund
    String reversal = row("R001", "orig_setl_id", "S001", "setl_time", "2023-04-03 09:00:00", "medfee_sumamt",
        "-200.00", "preselfpay_amt", "-20.00", "inscp_scp_amt", "-180.00", "hifp_pay", "-90.00", "oth_pay", "-10.00",
        "fund_pay_sumamt", "-100.00", "psn_cash_pay", "-100.00");
    // R002 negates S001 exactly: accepted
    String exact = row("R002", "orig_setl_id", "S001", "setl_time", "2023-04-03 09:00:00", "medfee_sumamt",
        "-200.00", "preselfpay_amt", "-20.00", "inscp_scp_amt", "-180.00", "hifp_pay", "-100.00",
        "fund_pay_sumamt", "-100.00", "psn_cash_pay", "-100.00");
    reference(new Landing(landing), "2024-01-01").batch("setl", "2024-01-01", Landing.Setl.HEADER, List.of(
        row("S001"),
        // 200.005 is not an amount in yuan and cents: never rounded silently
        row("S002", "medfee_sumamt", "200.005"),
        row("S003", "begndate", "2099-01-01", "enddate", "2099-01-01", "setl_time", "2099-01-01 10:00:00"),
        reversal, exact));
    Path lakeDir = tmp.resolve("lake");
    ingest(lakeDir, landing);
    Lake lake = lake(lakeDir);
    Map<String, String> reasons = new TreeMap<>();
    lake.read(Tables.DQ_QUARANTINE).filter(col("source_table").equalTo("setl")).collectAsList()
        .forEach(r -> reasons.put(r.<String>getAs("raw").replaceAll(".*\"setl_id\":\"(\\w+)\".*", "$1"),
            r.getAs("rule")));
    assertEquals(Map.of("S002", "bad_amount", "S003", "future_date", "R001", "reversal_mismatch"), reasons);
    assertEquals(List.of("R002", "S001"), lake.read(Tables.ods("setl")).select("setl_id").orderBy("setl_id")
        .collectAsList().stream().map(r -> r.getString(0)).toList());
  }

  @Test
  void everyRuleOfTheOtherTablesQuarantinesItsBadRow() {
    Path landing = tmp.resolve("landing");
    Landing l = new Landing(landing);
    String b = "2024-01-01";
    l.batch("admdvs", b, "admdvs,admdvs_name,admdvs_lv,prnt_admdvs",
        List.of("990000,测试省,1,", "990100,云岭市,2,990000", "990101,青山县,3,990100", "99010X,坏区划,3,990100"));
    l.batch("medcommunity", b, "medcommunity_id,medcommunity_name,admdvs,lead_fixmedins_code,scheme_begn_year",
        List.of("MC1,青山县医共体,990101,H990101001,2024", "MC2,无区划医共体,990177,H990101001,2024"));
    l.batch("medins", b, MEDINS_HEADER, List.of(
        "H990101001,青山县人民医院,990101,2,general,MC1,1,300,2015-01-01,",
        "H990101003,无区划医院,990177,2,general,,0,100,2015-01-01,",
        "H990101004,未知类型,990101,2,hospice,,0,100,2015-01-01,",
        "H990101005,日期颠倒,990101,2,general,,0,100,2015-01-02,2015-01-01"));
    // psn: P002 twice with different content (key conflict: neither kept); gend 9 only warns
    l.batch("psn", b, "psn_no,psn_cert_type,certno,psn_name,gend,brdy", List.of(
        "P001,01,990101195001011234,张三,9,1950-01-01", "P002,01,990101198502022345,李四,2,1985-02-02",
        "P002,01,990101198502022345,李四,1,1985-02-02"));
    l.batch("insu", b, "psn_no,insutype,insuplc_admdvs,begndate,enddate,psn_type", List.of(
        "P001,310,990101,2020-01-01,,12", "P001,350,990101,2020-01-01,,12", "P001,390,990177,2020-01-01,,21",
        "P001,390,990101,2021-01-01,2020-01-01,21"));
    l.batch("chronic_reg", b, "psn_no,dise_type,begndate,enddate", List.of("P001,HTN,2021-01-01,2020-01-01"));
    l.batch("fd_sign", b, "psn_no,fixmedins_code,begndate,enddate",
        List.of("P001,H990101001,2021-01-01,2020-01-01", "P001,H000000000,2022-01-01,"));
    l.batch("fund_revenue", b, "admdvs,insutype,year,kind,revenue", List.of("990100,310,2023,forecast,1.00",
        "990100,350,2023,actual,1.00", "990177,310,2023,actual,1.00", "990100,310,2024,actual,-1.00"));
    l.batch("manual_score", b, "year,medcommunity_id,item,score", List.of("2024,MC1,satisfaction,-1"));
    Path lakeDir = tmp.resolve("lake");
    ingest(lakeDir, landing);
    Lake lake = lake(lakeDir);
    Map<String, Long> rules = new TreeMap<>();
    lake.read(Tables.DQ_QUARANTINE).collectAsList().forEach(r -> rules.merge(
        r.<String>getAs("source_table") + ":" + r.<String>getAs("rule"), 1L, Long::sum));
    Map<String, Long> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("admdvs:bad_admdvs_code", 1L), Map.entry("medcommunity:unknown_admdvs", 1L),
        Map.entry("medins:unknown_admdvs", 1L), Map.entry("medins:unknown_medins_type", 1L),
        Map.entry("medins:date_order", 1L), Map.entry("psn:key_conflict_in_batch", 2L),
        Map.entry("insu:unknown_insutype", 1L), Map.entry("insu:unknown_insuplc", 1L),
        Map.entry("insu:date_order", 1L), Map.entry("chronic_reg:date_order", 1L),
        Map.entry("fd_sign:date_order", 1L), Map.entry("fund_revenue:unknown_kind", 1L),
        Map.entry("fund_revenue:unknown_insutype", 1L), Map.entry("fund_revenue:unknown_admdvs", 1L),
        Map.entry("fund_revenue:negative_amount", 1L), Map.entry("manual_score:negative_amount", 1L)));
    assertEquals(expected, rules);
    // warn rules count their rows and keep them
    Map<String, Long> warned = new TreeMap<>();
    lake.read(Tables.DQ_EXPECTATION_RESULT).filter(col("action").equalTo("warn").and(col("failed_rows").gt(0)))
        .collectAsList().forEach(r -> warned.put(r.<String>getAs("source_table") + ":" + r.<String>getAs("expectation"),
            r.getAs("failed_rows")));
    assertEquals(Map.of("psn:bad_gend", 1L, "fd_sign:unknown_medins", 1L), warned);
    assertEquals(1, lake.read(Tables.ods("psn")).count(), "P001 kept with its warning, P002 quarantined");
  }

  @Test
  void aFailRuleStopsTheBatchWithExitThree() {
    Path landing = tmp.resolve("landing");
    new Landing(landing).batch("admdvs", "2024-01-01", "admdvs,admdvs_name,admdvs_lv,prnt_admdvs",
        List.of("990000,测试省,1,", "990100,云岭市,7,990000"));
    Path lakeDir = tmp.resolve("lake");
    assertEquals(Yibao.DATA_QUALITY, Yibao.execute("--conf", TestSpark.confDir().toString(), "--lake",
        lakeDir.toString(), "--master", "local[2]", "ingest", "--landing", landing.toString()));
    assertFalse(lake(lakeDir).exists(Tables.ods("admdvs")), "nothing of the failing batch is written");
  }

  @Test
  void aWholeFileInTheWrongEncodingOrWithAnAmbiguousHeaderIsRefusedInOneLine() {
    Path landing = tmp.resolve("landing");
    // GB18030 bytes declared UTF-8 (the default): no line with Chinese text decodes
    new Landing(landing).batch("admdvs", "2024-01-01", "admdvs,admdvs_name,admdvs_lv,prnt_admdvs",
        List.of("990000,测试省,1,", "990100,云岭市,2,990000"), Charset.forName("GB18030"), true);
    DataQualityException e = assertThrows(DataQualityException.class, () -> ingest(tmp.resolve("lake"), landing));
    assertTrue(e.getMessage().contains("is not UTF-8"), e.getMessage());

    Path landing2 = tmp.resolve("landing2");
    new Landing(landing2).batch("admdvs", "2024-01-01", "admdvs,admdvs_name,admdvs_lv,admdvs_lv",
        List.of("990000,测试省,1,1"));
    e = assertThrows(DataQualityException.class, () -> ingest(tmp.resolve("lake2"), landing2));
    assertTrue(e.getMessage().contains("column 'admdvs_lv' appears twice"), e.getMessage());
  }

  @Test
  void encodingCheckTellsAFileFromARow() {
    byte[] utf8 = "a,青山县\nb,云岭市\n".getBytes(StandardCharsets.UTF_8);
    Charset gb = Charset.forName("GB18030");
    assertNull(EncodingCheck.problem(utf8, StandardCharsets.UTF_8));
    // UTF-8 declared GB18030 decodes without a replacement character: caught as a whole file
    assertTrue(EncodingCheck.problem(utf8, gb).contains("is UTF-8 although"));
    assertNull(EncodingCheck.problem("a,青山县\nb,云岭市\n".getBytes(gb), gb));
    // one bad row among good ones is a row's problem (quarantined as bad_encoding), not the file's
    byte[] oneBad = concat("a,青山县\nb,".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, (byte) 0xFE, '\n'});
    assertNull(EncodingCheck.problem(oneBad, StandardCharsets.UTF_8));
  }

  @Test
  void twoSiteColumnsMappedOntoOneContractNameAreRefused() {
    DataQualityException e = assertThrows(DataQualityException.class, () -> LandingReader.checkHeader("f.csv",
        List.of("XZQH", "admdvs_code", "admdvs_name"), Map.of("XZQH", "admdvs", "admdvs_code", "admdvs")));
    assertEquals("landing file f.csv: columns 'XZQH' and 'admdvs_code' both map to contract column 'admdvs' "
        + "(conf/yibao.yml landing.column_map)", e.getMessage());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
