package org.yibao.lake.generate;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to generate. Validated on construction so that the CLI can turn a bad value into a usage
 * error before any file is written.
 *
 * @param out          landing root; must be absent or empty (a half-overwritten landing would mix runs)
 * @param persons      insured persons to simulate (the province is scaled to this)
 * @param firstYear    first simulated year
 * @param lastYear     last simulated year; no settlement is dated after its Dec 31
 * @param seed         the only source of randomness: same options, byte-identical files
 * @param format       CSV or Parquet landing files
 * @param encoding     CSV encoding, UTF-8 or GB18030 (Parquet strings are always UTF-8)
 * @param dirtyRate    share of settlement rows replaced by a row failing one contract rule (0 = clean)
 * @param dailyBatches the last so many days of lastYear land as one settlement batch per day
 */
public record GeneratorOptions(Path out, int persons, int firstYear, int lastYear, long seed,
                               Format format, Charset encoding, double dirtyRate, int dailyBatches) {

  /** Landing file format. */
  public enum Format { CSV, PARQUET }

  public GeneratorOptions {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(encoding, "encoding");
    if (persons < 50) {
      throw new IllegalArgumentException("persons must be at least 50, got " + persons);
    }
    if (firstYear < 2000 || lastYear > 2100 || firstYear > lastYear) {
      throw new IllegalArgumentException("years must satisfy 2000 <= first <= last <= 2100, got "
          + firstYear + "-" + lastYear);
    }
    if (!(dirtyRate >= 0 && dirtyRate <= 0.5)) {
      throw new IllegalArgumentException("dirty rate must be within [0, 0.5], got " + dirtyRate);
    }
    if (dailyBatches < 0 || dailyBatches > 90) {
      throw new IllegalArgumentException("daily batches must be within [0, 90], got " + dailyBatches);
    }
    if (!encoding.equals(StandardCharsets.UTF_8) && !encoding.name().equals("GB18030")) {
      throw new IllegalArgumentException("encoding must be UTF-8 or GB18030, got " + encoding);
    }
  }

  /** The defaults of the {@code generate} command, writing to {@code out}. */
  public static GeneratorOptions defaults(Path out) {
    return new GeneratorOptions(out, 2000, 2022, 2025, 42L, Format.CSV, StandardCharsets.UTF_8, 0.0, 0);
  }

  public GeneratorOptions withPersons(int n) {
    return new GeneratorOptions(out, n, firstYear, lastYear, seed, format, encoding, dirtyRate, dailyBatches);
  }

  public GeneratorOptions withOut(Path dir) {
    return new GeneratorOptions(dir, persons, firstYear, lastYear, seed, format, encoding, dirtyRate, dailyBatches);
  }
}
