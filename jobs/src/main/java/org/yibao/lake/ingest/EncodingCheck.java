package org.yibao.lake.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.yibao.lake.common.dq.DataQualityException;

/**
 * A whole file in the wrong encoding is refused before it is read. A bad byte sequence in one row is a
 * row's problem (quarantined as {@code bad_encoding}); a file whose every line of text fails, or that is
 * UTF-8 while its source is declared another encoding (GB18030 decodes UTF-8 bytes into plausible-looking
 * mojibake without a single replacement character), is the delivery's problem. The check reads the
 * first {@value #SAMPLE_BYTES} bytes.
 */
final class EncodingCheck {
  static final int SAMPLE_BYTES = 1 << 16;

  private EncodingCheck() {}

  static void file(String file, Charset declared, Configuration hadoop) {
    String problem = problem(sample(file, hadoop), declared);
    if (problem != null) {
      throw new DataQualityException("landing file " + file + " " + problem
          + " (the encoding per source is landing.encodings in conf/yibao.yml)");
    }
  }

  /** Why the sample is not text in {@code declared}, or null. */
  static String problem(byte[] sample, Charset declared) {
    List<byte[]> lines = textLines(sample);
    if (lines.isEmpty()) {
      return null;
    }
    int failing = 0;
    int utf8 = 0;
    for (byte[] l : lines) {
      if (!decodes(l, declared)) {
        failing++;
      }
      if (decodes(l, StandardCharsets.UTF_8)) {
        utf8++;
      }
    }
    if (!declared.equals(StandardCharsets.UTF_8) && utf8 == lines.size()) {
      return "is UTF-8 although its source is declared " + declared.name()
          + " (it would decode to mojibake without a replacement character)";
    }
    if (failing == lines.size() && lines.size() >= 2) {
      return "is not " + declared.name() + ": none of its " + lines.size() + " sampled lines with non-ASCII text decodes";
    }
    return null;
  }

  /** The complete lines of the sample that hold a byte outside ASCII. */
  private static List<byte[]> textLines(byte[] sample) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < sample.length; i++) {
      if (sample[i] == '\n') {
        byte[] line = Arrays.copyOfRange(sample, start, i);
        if (hasNonAscii(line)) {
          out.add(line);
        }
        start = i + 1;
      }
    }
    // the last line may be cut by the sample: only judged when the file ended inside the sample
    if (start < sample.length && sample.length < SAMPLE_BYTES) {
      byte[] line = Arrays.copyOfRange(sample, start, sample.length);
      if (hasNonAscii(line)) {
        out.add(line);
      }
    }
    return out;
  }

  private static boolean hasNonAscii(byte[] line) {
    for (byte b : line) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean decodes(byte[] line, Charset cs) {
    try {
      cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static byte[] sample(String file, Configuration hadoop) {
    try {
      Path p = new Path(file);
      FileSystem fs = FileSystem.get(URI.create(p.toUri().toString()), hadoop);
      CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(p);
      try (InputStream raw = fs.open(p); InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
        return in.readNBytes(SAMPLE_BYTES);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
