package org.yibao.lake.generate;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.yibao.lake.generate.TableSchema.RawBytes;

/**
 * Turns clean settlements into what lands. With dirty rate R, each settlement is replaced with
 * probability R by a row failing exactly one contract rule, the rules taken in turn (round robin,
 * so all occur and each is counted exactly); every other settlement lands clean and, with
 * probability R, is followed by one legitimate event referencing it: an exact duplicate (same
 * batch or a later daily batch), a correction (same {@code setl_id}, re-split amounts, in a later
 * daily batch) or a reversal (new id, negated amounts, later {@code setl_time}). Events only ever
 * reference rows that landed clean. In {@code psn}, every k-th person's name (k = 5/R) carries
 * bytes that are invalid in the file's encoding.
 */
final class DirtyInjector {

  /** A row to land in a batch of {@code setl}. */
  record Landed(String batch, Object[] row) {
  }

  private static final int BEGNDATE = Tables.SETL.indexOf("begndate");
  private static final int MEDFEE = Tables.SETL.indexOf("medfee_sumamt");
  private static final int FIXMEDINS = Tables.SETL.indexOf("fixmedins_code");
  private static final int INSUPLC = Tables.SETL.indexOf("insuplc_admdvs");
  private static final int MDTRTAREA = Tables.SETL.indexOf("mdtrtarea_admdvs");

  private final double rate;
  private final Batches batches;
  private final String pp;
  private final int periodEnd;
  private final List<DirtyRule> setlRules = new ArrayList<>();
  private final int psnEvery;
  private final Map<String, Long> injected = new TreeMap<>();
  private final Map<String, Long> events = new TreeMap<>();
  private int nextRule;
  private int extraSeq;

  DirtyInjector(double rate, Batches batches, String provinceCode, int periodEnd, boolean parquet) {
    this.rate = rate;
    this.batches = batches;
    this.pp = provinceCode;
    this.periodEnd = periodEnd;
    for (DirtyRule r : DirtyRule.values()) {
      if (r != DirtyRule.BAD_ENCODING && !(parquet && r.textOnly())) {
        setlRules.add(r);
      }
    }
    this.psnEvery = rate > 0 ? (int) Math.max(1, Math.round(5 / rate)) : 0;
    if (rate > 0) {
      for (DirtyRule r : DirtyRule.values()) {
        if (setlRules.contains(r) || r == DirtyRule.BAD_ENCODING) {
          injected.put(r.code(), 0L);
        }
      }
      List.of("duplicate", "correction", "reversal").forEach(e -> events.put(e, 0L));
    }
  }

  /** Rules that cannot be injected in this run's format. */
  List<String> skippedRules() {
    List<String> skipped = new ArrayList<>();
    for (DirtyRule r : DirtyRule.values()) {
      if (rate > 0 && r != DirtyRule.BAD_ENCODING && !setlRules.contains(r)) {
        skipped.add(r.code());
      }
    }
    return skipped;
  }

  /** The psn_name value: clean, or the name followed by bytes invalid in {@code charset}. */
  Object psnName(Person p, Charset charset) {
    if (psnEvery == 0 || p.index() % psnEvery != 0) {
      return p.name();
    }
    injected.merge(DirtyRule.BAD_ENCODING.code(), 1L, Long::sum);
    byte[] name = p.name().getBytes(charset);
    byte[] bad = Arrays.copyOf(name, name.length + 2);
    bad[name.length] = (byte) 0xFF;
    bad[name.length + 1] = (byte) (StandardCharsets.UTF_8.equals(charset) ? 0xFE : 0xFF);
    return new RawBytes(bad);
  }

  /** What lands for one clean settlement of a person: the row itself or a dirty one, plus events. */
  List<Landed> land(Settlement s, Person p, SplittableRandom rng) {
    List<Landed> out = new ArrayList<>(2);
    if (rate <= 0) {
      out.add(new Landed(batches.of(s.setlDay), s.toRow()));
      return out;
    }
    if (rng.nextDouble() < rate) {
      DirtyRule rule = setlRules.get(nextRule++ % setlRules.size());
      out.add(new Landed(batches.of(s.setlDay), dirty(rule, s, p, rng)));
      injected.merge(rule.code(), 1L, Long::sum);
      return out;
    }
    out.add(new Landed(batches.of(s.setlDay), s.toRow()));
    if (rng.nextDouble() < rate) {
      switch (rng.nextInt(3)) {
        case 0 -> duplicate(s, rng, out);
        case 1 -> correction(s, p, rng, out);
        default -> reversal(s, p, rng, out);
      }
    }
    return out;
  }

  private void duplicate(Settlement s, SplittableRandom rng, List<Landed> out) {
    int later = rng.nextBoolean() ? batches.laterDailyDay(s.setlDay, rng) : -1;
    out.add(new Landed(later < 0 ? batches.of(s.setlDay) : batches.of(later), s.toRow()));
    events.merge("duplicate", 1L, Long::sum);
  }

  private void correction(Settlement s, Person p, SplittableRandom rng, List<Landed> out) {
    int later = batches.laterDailyDay(s.setlDay, rng);
    if (later < 0) {
      return;
    }
    Settlement c = s.copy();
    int permille = 900 + rng.nextInt(200);
    c.medfee = Math.max(500, Money.permille(s.medfee, permille >= 1000 ? permille + 1 : permille));
    AmountSplitter.split(c, p.employee(), p.assistance(), "CAPITATION".equals(c.payMethod), rng);
    out.add(new Landed(batches.of(later), c.toRow()));
    events.merge("correction", 1L, Long::sum);
  }

  private void reversal(Settlement s, Person p, SplittableRandom rng, List<Landed> out) {
    Settlement r = s.copy();
    r.negate();
    r.origSetlId = s.setlId;
    r.setlId = extraId(p);
    int later = rng.nextBoolean() ? batches.laterDailyDay(s.setlDay, rng) : -1;
    r.setlDay = later >= 0 ? later : Math.min(periodEnd, s.setlDay + rng.nextInt(11));
    r.setlSecond = r.setlDay == s.setlDay ? s.setlSecond + 1 + rng.nextInt(86_399 - s.setlSecond)
        : 8 * 3600 + rng.nextInt(12 * 3600);
    out.add(new Landed(batches.of(r.setlDay), r.toRow()));
    events.merge("reversal", 1L, Long::sum);
  }

  private Object[] dirty(DirtyRule rule, Settlement clean, Person p, SplittableRandom rng) {
    Settlement d = clean.copy();
    long delta = 100 + rng.nextInt(4_901);
    switch (rule) {
      case MEDFEE_BALANCE -> {
        d.medfee += delta;
        d.fulamtOwnpay += delta;
      }
      case FUND_BALANCE -> {
        long largest = Math.max(d.fundPay, Math.max(d.acct, d.cash));
        delta = Math.min(delta, largest);
        if (largest == d.fundPay) {
          d.fundPay -= delta;
          d.cash += delta;
        } else {
          if (largest == d.cash) {
            d.cash -= delta;
          } else {
            d.acct -= delta;
          }
          d.fundPay += delta;
        }
      }
      case NEGATIVE_AMOUNT -> {
        d.hifmi += d.oth + delta;
        d.oth = -delta;
      }
      case DATE_ORDER -> d.endDay = d.begnDay - 1 - rng.nextInt(3);
      case UNKNOWN_INSUTYPE -> d.insutype = "350";
      case UNKNOWN_MED_TYPE -> d.medType = "99";
      case REVERSAL_ORPHAN -> {
        d.negate();
        d.origSetlId = extraId(p);
      }
      default -> {
      }
    }
    Object[] row = d.toRow();
    switch (rule) {
      case BAD_DATE -> row[BEGNDATE] = java.time.LocalDate.ofEpochDay(d.begnDay).getYear() + "-13-45";
      case BAD_AMOUNT -> row[MEDFEE] = Money.format(d.medfee).replace('.', ',') + "a";
      case MISSING_KEY -> row[0] = null;
      case UNKNOWN_MEDINS -> row[FIXMEDINS] = "H" + pp + "9999" + "99999";
      case UNKNOWN_INSUPLC -> row[INSUPLC] = pp + "9998";
      case UNKNOWN_MDTRTAREA -> row[MDTRTAREA] = pp + "9997";
      default -> {
      }
    }
    return row;
  }

  /** A settlement id of this person that no simulated settlement uses (sequence 90000 and up). */
  private String extraId(Person p) {
    return "S" + pp + DateText.zeroPadded(p.index(), 9) + (90_000 + extraSeq++ % 10_000);
  }

  Map<String, Long> injected() {
    return injected;
  }

  Map<String, Long> events() {
    return events;
  }
}
