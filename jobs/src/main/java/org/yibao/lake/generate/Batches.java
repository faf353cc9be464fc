package org.yibao.lake.generate;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Batch naming: everything before the daily period is one back-load batch
 * {@code 0000-backload-<firstYear>-<lastYear>} (it sorts before any date); with D daily batches
 * the last D days of the last year land as one batch per settlement day, named {@code YYYY-MM-DD}.
 */
final class Batches {
  final String backload;
  private final int dailyFrom;
  private final int lastDay;

  Batches(int firstYear, int lastYear, int dailyBatches) {
    this.backload = "0000-backload-" + firstYear + "-" + lastYear;
    this.lastDay = (int) LocalDate.of(lastYear, 12, 31).toEpochDay();
    this.dailyFrom = lastDay - dailyBatches + 1;
  }

  /** The batch a settlement dated {@code day} lands in. */
  String of(int day) {
    return day >= dailyFrom ? LocalDate.ofEpochDay(day).toString() : backload;
  }

  /** A daily batch strictly after the batch of {@code day}, or -1 when there is none. */
  int laterDailyDay(int day, SplittableRandom rng) {
    int from = Math.max(dailyFrom, day + 1);
    return from > lastDay ? -1 : from + rng.nextInt(lastDay - from + 1);
  }
}
