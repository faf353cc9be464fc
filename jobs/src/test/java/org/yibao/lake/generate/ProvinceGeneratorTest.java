package org.yibao.lake.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yibao.lake.cli.GenerateCommand;
import picocli.CommandLine;

/** Small, pure-Java checks of the generator's promises (a few hundred persons per run). */
class ProvinceGeneratorTest {
  @TempDir
  static Path tmp;

  static GeneratorOptions clean;
  static GenerationReport cleanReport;

  @BeforeAll
  static void generateClean() throws IOException {
    clean = GeneratorOptions.defaults(tmp.resolve("clean")).withPersons(300);
    cleanReport = new ProvinceGenerator().generate(clean);
  }

  @Test
  void sameSeedGivesIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
    Path again = tmp.resolve("again");
    new ProvinceGenerator().generate(clean.withOut(again));
    Map<String, byte[]> a = contents(clean.out());
    Map<String, byte[]> b = contents(again);
    assertEquals(a.keySet(), b.keySet());
    a.forEach((file, bytes) -> assertArrayEquals(bytes, b.get(file), file));

    Path other = tmp.resolve("other");
    new ProvinceGenerator().generate(new GeneratorOptions(other, 300, 2022, 2025, 43, GeneratorOptions.Format.CSV,
        StandardCharsets.UTF_8, 0, 0));
    String setl = "setl/0000-backload-2022-2025/part-00000.csv";
    assertFalse(java.util.Arrays.equals(a.get(setl), contents(other).get(setl)));
  }

  @Test
  void cleanSettlementsSatisfyTheAmountEquationsAndDateOrder() throws IOException {
    List<Map<String, String>> rows = csv(clean.out().resolve("setl/0000-backload-2022-2025/part-00000.csv"),
        StandardCharsets.UTF_8);
    assertTrue(rows.size() > 1_000, "rows " + rows.size());
    LocalDate lastDay = LocalDate.of(2025, 12, 31);
    for (Map<String, String> r : rows) {
      String id = r.get("setl_id");
      BigDecimal medfee = dec(r, "medfee_sumamt");
      BigDecimal fund = dec(r, "fund_pay_sumamt");
      assertEquals(medfee, dec(r, "fulamt_ownpay_amt").add(dec(r, "overlmt_selfpay")).add(dec(r, "preselfpay_amt"))
          .add(dec(r, "inscp_scp_amt")), id);
      assertEquals(fund, dec(r, "hifp_pay").add(dec(r, "hifmi_pay")).add(dec(r, "maf_pay")).add(dec(r, "oth_pay")),
          id);
      assertEquals(medfee, fund.add(dec(r, "acct_pay")).add(dec(r, "psn_cash_pay")), id);
      assertTrue(dec(r, "hifp_pay").compareTo(dec(r, "inscp_scp_amt")) <= 0, id);
      for (String amount : List.of("medfee_sumamt", "hifp_pay", "oth_pay", "acct_pay", "psn_cash_pay")) {
        assertTrue(dec(r, amount).signum() >= 0, id + " " + amount);
      }
      if (r.get("insutype").equals("390")) {
        assertEquals(0, dec(r, "acct_pay").signum(), id);
      }
      LocalDate begin = LocalDate.parse(r.get("begndate"));
      LocalDate end = LocalDate.parse(r.get("enddate"));
      LocalDate setl = LocalDate.parse(r.get("setl_time").substring(0, 10));
      assertTrue(!begin.isAfter(end) && !end.isAfter(setl) && !setl.isAfter(lastDay), id);
      assertTrue(r.get("setl_time").matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"), id);
      assertTrue(medfee.scale() == 2, id);
    }
    assertEquals(rows.size(), rows.stream().map(r -> r.get("setl_id")).distinct().count());
    assertTrue(cleanReport.injected().isEmpty());
  }

  @Test
  void everyBatchIsMarkedComplete() throws IOException {
    try (Stream<Path> files = Files.walk(clean.out())) {
      files.filter(p -> p.getFileName().toString().startsWith("part-"))
          .forEach(p -> assertTrue(Files.exists(p.resolveSibling("_SUCCESS")), p.toString()));
    }
    assertEquals(10, cleanReport.rows().size());
    assertTrue(Files.exists(clean.out().resolve("_generator_report.json")));
  }

  @Test
  void dirtyRunCountsEveryRuleAndTheFilesAgree() throws IOException {
    GeneratorOptions o = new GeneratorOptions(tmp.resolve("dirty"), 300, 2022, 2025, 42, GeneratorOptions.Format.CSV,
        StandardCharsets.UTF_8, 0.05, 5);
    GenerationReport report = new ProvinceGenerator().generate(o);
    assertEquals(14, report.injected().size());
    report.injected().forEach((rule, n) -> assertTrue(n > 0, rule));
    report.legitimateEvents().forEach((event, n) -> assertTrue(n > 0, event));
    assertEquals(6, report.rows().get("setl").size(), report.rows().get("setl").toString());

    long missingKey = 0;
    long unknownMedType = 0;
    try (Stream<Path> files = Files.walk(o.out().resolve("setl"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        for (Map<String, String> r : csv(f, StandardCharsets.UTF_8)) {
          missingKey += r.get("setl_id").isEmpty() ? 1 : 0;
          unknownMedType += r.get("med_type").equals("99") ? 1 : 0;
        }
      }
    }
    assertEquals(report.injected().get("missing_key"), missingKey);
    assertEquals(report.injected().get("unknown_med_type"), unknownMedType);
    String psn = new String(Files.readAllBytes(o.out().resolve("psn/0000-backload-2022-2025/part-00000.csv")),
        StandardCharsets.UTF_8);
    assertEquals((long) report.injected().get("bad_encoding"), psn.chars().filter(c -> c == '\uFFFD').count() / 2);
  }

  @Test
  void gb18030WritesNamesThatDecodeBack() throws IOException {
    Charset gb = Charset.forName("GB18030");
    GeneratorOptions o = new GeneratorOptions(tmp.resolve("gb"), 300, 2022, 2025, 42, GeneratorOptions.Format.CSV,
        gb, 0, 0);
    new ProvinceGenerator().generate(o);
    String file = "psn/0000-backload-2022-2025/part-00000.csv";
    List<Map<String, String>> gbRows = csv(o.out().resolve(file), gb);
    List<Map<String, String>> utfRows = csv(clean.out().resolve(file), StandardCharsets.UTF_8);
    assertEquals(utfRows, gbRows);
    assertTrue(gbRows.get(0).get("psn_name").codePoints().allMatch(Character::isIdeographic));
    byte[] raw = Files.readAllBytes(o.out().resolve(file));
    assertFalse(java.util.Arrays.equals(raw, Files.readAllBytes(clean.out().resolve(file))));
  }

  @Test
  void inpatientRateLooksLikeAProvince() throws IOException {
    GenerationReport r = new ProvinceGenerator().generate(
        GeneratorOptions.defaults(tmp.resolve("rate")).withPersons(2_000));
    double rate = r.inpatientSettlements() / r.personYears().doubleValue();
    assertTrue(rate > 0.15 && rate < 0.25, "inpatient rate " + rate);
    assertFalse(r.suspiciousInstitutions().isEmpty());
  }

  @Test
  void parquetLands() throws IOException {
    GeneratorOptions o = new GeneratorOptions(tmp.resolve("pq"), 100, 2024, 2025, 7, GeneratorOptions.Format.PARQUET,
        StandardCharsets.UTF_8, 0.05, 2);
    GenerationReport r = new ProvinceGenerator().generate(o);
    assertEquals(List.of("bad_date", "bad_amount"), r.skippedRules());
    byte[] head = Files.readAllBytes(o.out().resolve("setl/0000-backload-2024-2025/part-00000.parquet"));
    assertEquals("PAR1", new String(head, 0, 4, StandardCharsets.US_ASCII));
  }

  @Test
  void badOptionsAreUsageErrors() {
    CommandLine cli = new CommandLine(new GenerateCommand());
    cli.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
    assertEquals(2, cli.execute("--out", tmp.resolve("bad").toString(), "--years", "2025-2022"));
    assertEquals(2, cli.execute("--out", tmp.resolve("bad").toString(), "--format", "xlsx"));
  }

  private static BigDecimal dec(Map<String, String> row, String column) {
    return new BigDecimal(row.get(column));
  }

  private static Map<String, byte[]> contents(Path root) throws IOException {
    Map<String, byte[]> all = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.put(root.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    return all;
  }

  /** A small RFC 4180 reader: header row, quoted fields with doubled quotes. */
  static List<Map<String, String>> csv(Path file, Charset charset) throws IOException {
    List<String> lines = Files.readAllLines(file, charset);
    List<String> header = fields(lines.get(0));
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = fields(line);
      assertEquals(header.size(), f.size(), line);
      Map<String, String> row = new TreeMap<>();
      for (int i = 0; i < f.size(); i++) {
        row.put(header.get(i), f.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
