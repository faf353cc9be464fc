package org.yibao.lake.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
          BigDecimal.valueOf(enrolledDays).divide(BigDecimal.valueOf(365), 2, RoundingMode.HALF_UP), inpatient);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(o.out().resolve("_generator_report.json").toFile(), report);
      return report;
    }
  }

  private static final int MEDFEE = Tables.SETL.indexOf("medfee_sumamt");
  private static final int HIFP = Tables.SETL.indexOf("hifp_pay");

  /** Manual scorecard items per community and year; communities with a suspicious member score low on fraud. */
  private static void writeScores(LandingWriter w, String batch, Institutions inst, GeneratorOptions o,
                                  SplittableRandom rng) {
    for (int y = o.firstYear(); y <= o.lastYear(); y++) {
      for (CountyNetwork n : inst.counties) {
        boolean suspicious = inst.isSuspicious(n.hospital()) || inst.isSuspicious(n.privateHospital());
        w.write(Tables.MANUAL_SCORE, batch, new Object[] {y, n.communityId(), "satisfaction",
            600L + rng.nextInt(401)});
        w.write(Tables.MANUAL_SCORE, batch, new Object[] {y, n.communityId(), "fraud",
            suspicious ? 300L + rng.nextInt(401) : 800L + rng.nextInt(201)});
        w.write(Tables.MANUAL_SCORE, batch, new Object[] {y, n.communityId(), "complaint",
            (long) rng.nextInt(suspicious ? 501 : 201)});
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
