package org.yibao.lake.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.yibao.lake.generate.Geography.Division;
import org.yibao.lake.generate.Institutions.CountyNetwork;
import org.yibao.lake.generate.Person.Registration;
import org.yibao.lake.generate.Person.Spell;

/**
 * The synthetic province generator: the only source of test, demo and benchmark landing data.
 *
 * <p>One pass over the persons streams every person-level table and the settlements straight into
 * the landing files, so memory holds the reference data and one person at a time whatever the
 * size. Determinism: the province is drawn from a stream seeded by the seed; each person from
 * their own stream derived from the seed and their index (so a person does not depend on any
 * other, and chunks could be generated in parallel and concatenated in order); the dirt from a
 * stream split off the person's, so the clean data is the same at any dirty rate except for the
 * replaced rows. Same options give byte-identical files.
 */
public final class ProvinceGenerator {
  private static final long PERSON_STREAM = 0x9E3779B97F4A7C15L;
  private static final long REVENUE_STREAM = 0x2545F4914F6CDD1DL;

  private final GeneratorProfile profile;

  public ProvinceGenerator() {
    this(GeneratorProfile.defaults());
  }

  public ProvinceGenerator(GeneratorProfile profile) {
    this.profile = profile;
  }

  public GenerationReport generate(GeneratorOptions o) throws IOException {
    prepareOutput(o.out());
    SplittableRandom provinceRng = new SplittableRandom(o.seed());
    Geography geo = Geography.build(o.persons(), profile, provinceRng);
    Institutions inst = new Institutions(geo, o.firstYear(), o.lastYear(), o.persons(), provinceRng.split());
    Population population = new Population(geo, inst, profile, o.firstYear(), o.lastYear());
    SettlementSimulator simulator = new SettlementSimulator(geo, inst, new CareSites(inst, profile, population),
        profile, o.firstYear(), o.lastYear());
    Batches batches = new Batches(o.firstYear(), o.lastYear(), o.dailyBatches());
    int periodStart = (int) LocalDate.of(o.firstYear(), 1, 1).toEpochDay();
    int periodEnd = (int) LocalDate.of(o.lastYear(), 12, 31).toEpochDay();
    DirtyInjector dirt = new DirtyInjector(o.dirtyRate(), batches, profile.provinceCode(), periodEnd,
        o.format() == GeneratorOptions.Format.PARQUET);
    RevenueBook revenue = new RevenueBook(geo, profile, o.firstYear(), o.lastYear());
    String bl = batches.backload;

    // first passes: the same persons and events, to steer every county onto its cost trend (CostTrend)
    int years = o.lastYear() - o.firstYear() + 1;
    long[][] outlierCases = new long[2][years];
    Map<String, long[][]> splitStays = new LinkedHashMap<>();
    inst.suspicious.forEach(code -> splitStays.put(code, new long[2][years]));
    long[][] siphonedStays = new long[2][years];
    CostTrend trend = new CostTrend(geo, inst, profile, o.firstYear(), o.lastYear());
    for (int idx = 0; idx < o.persons(); idx++) {
      List<Settlement> simulated = simulateOnly(population, simulator, o, idx);
      countSplitStays(simulated, splitStays, o.firstYear());
      countInCountyStays(simulated, siphonedStays, inst.siphonedCounty, o.firstYear());
      for (Settlement s : simulated) {
        trend.add(s, simulator.monthIndex(s.setlDay));
        if (s.institution.code().equals(inst.specialCaseOutlier) && "DIP".equals(s.payMethod)) {
          int y = LocalDate.ofEpochDay(s.setlDay).getYear() - o.firstYear();
          outlierCases[0][y]++;
          outlierCases[1][y] += s.specialCase;
        }
      }
    }
    double[][][] factors = trend.factors();
    simulator.steer(factors);
    CostTrend check = new CostTrend(geo, inst, profile, o.firstYear(), o.lastYear());
    for (int idx = 0; idx < o.persons(); idx++) {
      for (Settlement s : simulateOnly(population, simulator, o, idx)) {
        check.add(s, simulator.monthIndex(s.setlDay));
      }
    }
    simulator.steer(trend.corrected(factors, check));

    long medfee = 0;
    long hifp = 0;
    long enrolledDays = 0;
    long inpatient = 0;
    try (LandingWriter w = new LandingWriter(o.out(), o.format(), o.encoding())) {
      Tables.ALL.forEach(t -> w.touch(t, bl));
      for (Division d : geo.allDivisions()) {
        w.write(Tables.ADMDVS, bl, new Object[] {d.code(), d.name(), d.level(), d.parent()});
      }
      for (Institution i : inst.all) {
        w.write(Tables.MEDINS, bl, new Object[] {i.code(), i.name(), i.admdvs(), i.hospLv(), i.kind().medinsType,
            i.communityId(), i.lead() ? 1 : 0, i.beds(), i.begnDay(), i.endDay() == Integer.MAX_VALUE ? null
            : i.endDay()});
      }
      for (CountyNetwork n : inst.counties) {
        w.write(Tables.MEDCOMMUNITY, bl, new Object[] {n.communityId(), n.communityName(),
            n.county().division().code(), n.hospital().code(), n.schemeBeginYear()});
      }
      int progressStep = Math.max(10_000, o.persons() / 10);
      for (int idx = 0; idx < o.persons(); idx++) {
        SplittableRandom rng = new SplittableRandom(o.seed() * PERSON_STREAM + idx);
        SplittableRandom dirtRng = rng.split();
        Person p = population.create(idx, rng);
        w.write(Tables.PSN, bl, new Object[] {p.psnNo(), "01", p.certno(), dirt.psnName(p, o.encoding()),
            p.male() ? "1" : "2", p.birthDay()});
        for (Spell s : p.spells()) {
          w.write(Tables.INSU, bl, new Object[] {p.psnNo(), s.insutype(), s.county().division().code(),
              s.begnDay(), open(s.endDay()), s.psnType()});
          enrolledDays += Math.max(0, Math.min(s.endDay(), periodEnd) - Math.max(s.begnDay(), periodStart) + 1);
        }
        for (Registration r : p.registrations()) {
          w.write(Tables.CHRONIC_REG, bl, new Object[] {p.psnNo(), r.diseType(), r.begnDay(), open(r.endDay())});
        }
        if (p.signing() != null) {
          w.write(Tables.FD_SIGN, bl, new Object[] {p.psnNo(), p.signing().institution().code(),
              p.signing().begnDay(), open(p.signing().endDay())});
        }
        for (Settlement s : simulator.simulate(p, rng)) {
          revenue.add(s);
          if (s.medType.equals("21")) {
            inpatient++;
          }
          for (DirtyInjector.Landed l : dirt.land(s, p, dirtRng)) {
            w.write(Tables.SETL, l.batch(), l.row());
            medfee += l.row()[MEDFEE] instanceof Long c ? c : 0;
            hifp += (Long) l.row()[HIFP];
          }
        }
        if ((idx + 1) % progressStep == 0) {
          System.err.printf("  %,d of %,d persons%n", idx + 1, o.persons());
        }
      }
      for (Object[] row : revenue.rows(new SplittableRandom(o.seed() ^ REVENUE_STREAM))) {
        w.write(Tables.FUND_REVENUE, bl, row);
      }
      writeScores(w, bl, inst, o, new SplittableRandom(o.seed() ^ REVENUE_STREAM).split());
      w.finish();

      Map<String, String> options = new LinkedHashMap<>();
      options.put("persons", String.valueOf(o.persons()));
      options.put("years", o.firstYear() + "-" + o.lastYear());
      options.put("seed", String.valueOf(o.seed()));
      options.put("format", o.format().name().toLowerCase());
      options.put("encoding", o.encoding().name());
      options.put("dirtyRate", String.valueOf(o.dirtyRate()));
      options.put("dailyBatches", String.valueOf(o.dailyBatches()));
      GenerationReport report = new GenerationReport(options, w.rowCounts(), dirt.injected(), dirt.skippedRules(),
          dirt.events(), List.copyOf(inst.suspicious),
          "after an inpatient discharge at a suspicious institution, with probability "
              + profile.splitStayRate() + " a readmission to the same institution 3-14 days later with the same"
              + " main diagnosis (chained up to 3 times)",
          inst.specialCaseOutlier, Money.toYuan(medfee), Money.toYuan(hifp),
          BigDecimal.valueOf(enrolledDays).divide(BigDecimal.valueOf(365), 2, RoundingMode.HALF_UP), inpatient,
          planted(geo, inst, trend, outlierCases, splitStays, siphonedStays, o));
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(o.out().resolve("_generator_report.json").toFile(), report);
      return report;
    }
  }

  /** The planted anomalies and where each should show (docs/policy.md §9 indicators). */
  /** A person's settlements exactly as the writing pass draws them (the same stream, split the same way). */
  private static List<Settlement> simulateOnly(Population population, SettlementSimulator simulator,
                                               GeneratorOptions o, int idx) {
    SplittableRandom rng = new SplittableRandom(o.seed() * PERSON_STREAM + idx);
    rng.split();
    return simulator.simulate(population.create(idx, rng), rng);
  }

  /**
   * Index discharges at the split-stay institutions by discharge year ([1]) and those followed by an
   * admission of the person at the same institution within 15 days ([0]), docs/policy.md §9.
   */
  private static void countSplitStays(List<Settlement> settlements, Map<String, long[][]> counts, int firstYear) {
    for (int i = 0; i < settlements.size(); i++) {
      Settlement s = settlements.get(i);
      long[][] c = s.inpatient() ? counts.get(s.institution.code()) : null;
      if (c == null) {
        continue;
      }
      int y = LocalDate.ofEpochDay(s.endDay).getYear() - firstYear;
      c[1][y]++;
      for (Settlement next : settlements) {
        if (next != s && next.inpatient() && next.institution.equals(s.institution) && next.begnDay >= s.endDay
            && next.begnDay <= s.endDay + 15) {
          c[0][y]++;
          break;
        }
      }
    }
  }

  /**
   * Inpatient stays of the insured of county {@code county} by settlement year: {@code counts[0]} treated in the
   * county, {@code counts[1]} all (the in-county inpatient rate of docs/policy.md §9).
   */
  private static void countInCountyStays(List<Settlement> settlements, long[][] counts, int county, int firstYear) {
    for (Settlement s : settlements) {
      if (s.inpatient() && s.insuredCountyIndex == county) {
        int y = LocalDate.ofEpochDay(s.setlDay).getYear() - firstYear;
        counts[1][y]++;
        if (s.institution.countyIndex() == county) {
          counts[0][y]++;
        }
      }
    }
  }

  private List<PlantedAnomaly> planted(Geography geo, Institutions inst, CostTrend trend, long[][] outlierCases,
                                       Map<String, long[][]> splitStays, long[][] siphonedStays, GeneratorOptions o) {
    List<PlantedAnomaly> out = new ArrayList<>();
    for (String code : inst.suspicious) {
      List<Integer> splitYears = new ArrayList<>();
      long[][] c = splitStays.get(code);
      for (int y = 0; y < c[0].length; y++) {
        if (c[0][y] * 100 > 5 * c[1][y]) {
          splitYears.add(o.firstYear() + y);
        }
      }
      out.add(new PlantedAnomaly("split_stay", "medins", code, "readmission_15d_same_medins", splitYears, true,
          "same-institution readmissions 3-14 days after discharge with the same diagnosis (probability "
              + profile.splitStayRate() + " per discharge): 15-day same-institution readmission rate above the"
              + " 5 % threshold (suspected 分解住院); listed are the years in which the drawn readmissions exceed it"));
    }
    List<Integer> outlierYears = new ArrayList<>();
    for (int y = 0; y < outlierCases[0].length; y++) {
      if (outlierCases[1][y] * 1000 > 5 * outlierCases[0][y]) {
        outlierYears.add(o.firstYear() + y);
      }
    }
    out.add(new PlantedAnomaly("special_case_outlier", "medins", inst.specialCaseOutlier, "special_case_ratio_dip",
        outlierYears, true, "special cases (特例单议) drawn at " + profile.specialCaseOutlierPermille()
            + " per mille of DIP discharges against the 5 per mille limit; listed are the years in which the drawn"
            + " cases exceed it (and the regions holding the institution may exceed it with them)"));
    if (inst.siphonedCounty >= 0) {
      Geography.County c = geo.counties.get(inst.siphonedCounty);
      // the defaults of conf/policy/indicators.yml: a fall of more than 10 points on the year before, over at
      // least 50 stays in each year (alert.min_denominator.in_county_inpatient_rate_change)
      List<Integer> siphonYears = new ArrayList<>();
      long[][] n = siphonedStays;
      for (int y = Math.max(1, inst.siphonFromYear - o.firstYear()); y < n[0].length; y++) {
        boolean enough = n[1][y] >= 50 && n[1][y - 1] >= 50;
        if (enough && (double) n[0][y] / n[1][y] - (double) n[0][y - 1] / n[1][y - 1] < -0.10) {
          siphonYears.add(o.firstYear() + y);
        }
      }
      out.add(new PlantedAnomaly("siphoning", "county", c.division().code(), "in_county_inpatient_rate_change",
          siphonYears, !siphonYears.isEmpty(), "from " + inst.siphonFromYear + " " + inst.siphonHospital.name() + " ("
              + inst.siphonHospital.code() + ") draws " + Math.round(profile.siphonShare() * 100)
              + " % of the inpatients who would have stayed in " + c.division().name() + ": its in-county inpatient"
              + " rate (县域内住院率) falls by about that share against the year before, below the -10 points of"
              + " in_county_inpatient_rate_change (虹吸); listed are the years in which the drawn stays fall by more"
              + " over at least 50 stays a year (none when the data has no year before the siphoning); the"
              + " community also loses scorecard points"));
    }
    if (inst.spikeCounty >= 0) {
      Geography.County c = geo.counties.get(inst.spikeCounty);
      String expect = "medical cost growth of the county's insured " + profile.costSpikePermille() / 10.0 + " % in "
          + o.lastYear() + " (threshold 10 %)";
      out.add(new PlantedAnomaly("cost_spike", "county", c.division().code(), "cost_growth_rate", List.of(o.lastYear()),
          true, expect));
      Geography.City city = geo.cityOf(c);
      double cityGrowth = trend.lastYearGrowth(city.counties());
      if (cityGrowth > 0.10) {
        out.add(new PlantedAnomaly("cost_spike", "city", city.division().code(), "cost_growth_rate",
            List.of(o.lastYear()), true, "the spike carries the city to about "
                + Math.round(cityGrowth * 1000) / 10.0 + " %"));
      }
      double provinceGrowth = trend.lastYearGrowth(geo.counties);
      if (provinceGrowth > 0.10) {
        out.add(new PlantedAnomaly("cost_spike", "province", geo.province.code(), "cost_growth_rate",
            List.of(o.lastYear()), true, "the spike carries the province to about "
                + Math.round(provinceGrowth * 1000) / 10.0 + " %"));
      }
    }
    return List.copyOf(out);
  }

  private static final int MEDFEE = Tables.SETL.indexOf("medfee_sumamt");
  private static final int HIFP = Tables.SETL.indexOf("hifp_pay");

  /**
   * The manual items of the scorecard (conf/policy/settlement.yml {@code settlement.score.scorecard}, source
   * {@code manual}) with their maximum points, in the landing's cents of a point.
   */
  static final Map<String, Long> MANUAL_ITEMS = scorecardManualItems();

  private static Map<String, Long> scorecardManualItems() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("satisfaction", 1_000L);
    m.put("no_fraud", 1_000L);
    m.put("no_refusal_complaint", 1_000L);
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Manual scorecard items per community and year (docs/policy.md §8), each within its maximum:
   * satisfaction 8-10 points; no fraud full marks unless the community has a split-stay institution
   * (then 5-8); no refusal complaint full marks, 7-9 in the siphoned county (patients sent away).
   */
  private static void writeScores(LandingWriter w, String batch, Institutions inst, GeneratorOptions o,
                                  SplittableRandom rng) {
    for (int y = o.firstYear(); y <= o.lastYear(); y++) {
      for (CountyNetwork n : inst.counties) {
        boolean suspicious = inst.isSuspicious(n.hospital()) || inst.isSuspicious(n.privateHospital());
        boolean siphoned = n.county().index() == inst.siphonedCounty && y >= inst.siphonFromYear;
        w.write(Tables.MANUAL_SCORE, batch, new Object[] {y, n.communityId(), "satisfaction",
            800L + rng.nextInt(201)});
        w.write(Tables.MANUAL_SCORE, batch, new Object[] {y, n.communityId(), "no_fraud",
            suspicious ? 500L + rng.nextInt(301) : MANUAL_ITEMS.get("no_fraud")});
        w.write(Tables.MANUAL_SCORE, batch, new Object[] {y, n.communityId(), "no_refusal_complaint",
            siphoned ? 700L + rng.nextInt(201) : MANUAL_ITEMS.get("no_refusal_complaint")});
      }
    }
  }

  private static Integer open(int endDay) {
    return endDay == Integer.MAX_VALUE ? null : endDay;
  }

  private static void prepareOutput(Path out) throws IOException {
    if (Files.isDirectory(out)) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException("output folder is not empty: " + out);
        }
      }
    } else if (Files.exists(out)) {
      throw new IllegalArgumentException("output is not a folder: " + out);
    }
    Files.createDirectories(out);
  }

  /** Runs with the command's defaults: {@code ProvinceGenerator <out> [persons]}. */
  public static void main(String[] args) throws IOException {
    GeneratorOptions o = GeneratorOptions.defaults(Path.of(args[0]));
    if (args.length > 1) {
      o = o.withPersons(Integer.parseInt(args[1]));
    }
    long t0 = System.nanoTime();
    GenerationReport r = new ProvinceGenerator().generate(o);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long setl = r.rows().get("setl").values().stream().mapToLong(Long::longValue).sum();
    System.err.print(r.summary());
    System.err.printf("  %.1f s, %,.0f setl rows/s%n", seconds, setl / seconds);
  }
}
