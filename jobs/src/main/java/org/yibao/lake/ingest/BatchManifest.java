package org.yibao.lake.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a landing batch held when it was ingested — each data file's name, size, modification time and
 * SHA-256 — recorded in {@code ops.batch.manifest}, so that a batch delivered again under a name already
 * ingested, with other content, is noticed instead of being skipped forever. Checking an ingested batch
 * costs a listing; a file is hashed again only when its size matches and its modification time does not.
 */
final class BatchManifest {
  private BatchManifest() {}

  /** One recorded file. */
  record Entry(String name, long size, long modified, String sha256) {
    String text() {
      return name + ":" + size + ":" + modified + ":" + sha256;
    }
  }

  /** The manifest of a batch as it is now, every file hashed. */
  static String of(LandingBatch b, Configuration hadoop) {
    List<String> parts = new ArrayList<>();
    for (LandingBatch.FileEntry f : b.manifest()) {
      parts.add(new Entry(f.name(), f.size(), f.modified(), sha256(b.dir() + "/" + f.name(), hadoop)).text());
    }
    return String.join(";", parts);
  }

  static Map<String, Entry> parse(String manifest) {
    Map<String, Entry> out = new LinkedHashMap<>();
    if (manifest == null || manifest.isEmpty()) {
      return out;
    }
    for (String p : manifest.split(";")) {
      // a file name may hold ':' — the last three fields are size, time and hash
      String[] f = p.split(":");
      int n = f.length;
      String name = String.join(":", java.util.Arrays.copyOf(f, n - 3));
      out.put(name, new Entry(name, Long.parseLong(f[n - 3]), Long.parseLong(f[n - 2]), f[n - 1]));
    }
    return out;
  }

  /**
   * How the batch's folder differs from what was ingested, or null when it holds the same content. A
   * recorded batch without a manifest (ingested before manifests existed) is not compared.
   */
  static String difference(LandingBatch b, String recorded, Configuration hadoop) {
    if (recorded == null) {
      return null;
    }
    Map<String, Entry> was = parse(recorded);
    List<String> diffs = new ArrayList<>();
    for (LandingBatch.FileEntry now : b.manifest()) {
      Entry e = was.remove(now.name());
      if (e == null) {
        diffs.add("new file " + now.name());
      } else if (e.size() != now.size()) {
        diffs.add(now.name() + " changed size " + e.size() + " -> " + now.size());
      } else if (e.modified() != now.modified()
          && !e.sha256().equals(sha256(b.dir() + "/" + now.name(), hadoop))) {
        diffs.add(now.name() + " changed content");
      }
    }
    was.keySet().forEach(n -> diffs.add("file " + n + " gone"));
    if (!b.unrecognised().isEmpty()) {
      diffs.add("unrecognised file(s) " + b.unrecognised());
    }
    return diffs.isEmpty() ? null : String.join(", ", diffs);
  }

  static String sha256(String file, Configuration hadoop) {
    try {
      Path p = new Path(file);
      FileSystem fs = FileSystem.get(URI.create(p.toUri().toString()), hadoop);
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      try (InputStream in = fs.open(p)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
