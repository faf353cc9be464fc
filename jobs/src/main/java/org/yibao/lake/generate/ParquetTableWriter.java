package org.yibao.lake.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.yibao.lake.generate.TableSchema.Column;
import org.yibao.lake.generate.TableSchema.RawBytes;

/**
 * Parquet with the contract's types: strings (also the settlement timestamp, kept in its landing
 * text form), int32, decimal(18,2) as int64, date as int32. Written straight to a local file (no
 * Hadoop file system, so no {@code .crc} side files); an empty value is a null. A typed column
 * cannot hold an unparseable value, so the dirty rules that need one are not injected in Parquet.
 */
final class ParquetTableWriter implements TableWriter {
  private final TableSchema schema;
  private final ParquetWriter<Group> writer;
  private final SimpleGroupFactory groups;

  ParquetTableWriter(TableSchema schema, Path file) throws IOException {
    this.schema = schema;
    MessageType type = messageType(schema);
    this.groups = new SimpleGroupFactory(type);
    Configuration conf = new Configuration(false);
    this.writer = ExampleParquetWriter.builder(new LocalFile(file))
        .withType(type)
        .withConf(conf)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .build();
  }

  private static MessageType messageType(TableSchema schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Column c : schema.columns()) {
      switch (c.type()) {
        case STR, TS -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
        case INT -> b.optional(PrimitiveTypeName.INT32).named(c.name());
        case DEC -> b.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.decimalType(2, 18)).named(c.name());
        case DATE -> b.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(c.name());
        default -> throw new IllegalStateException(c.type().toString());
      }
    }
    return b.named(schema.name());
  }

  @Override
  public void write(Object[] row) throws IOException {
    Group g = groups.newGroup();
    for (int i = 0; i < row.length; i++) {
      Object v = row[i];
      if (v == null) {
        continue;
      }
      switch (schema.columns().get(i).type()) {
        case STR, TS -> {
          if (v instanceof RawBytes raw) {
            g.add(i, Binary.fromConstantByteArray(raw.bytes()));
          } else if (!v.toString().isEmpty()) {
            g.add(i, Binary.fromString(v.toString()));
          }
        }
        case INT, DATE -> g.add(i, (Integer) v);
        case DEC -> g.add(i, (Long) v);
        default -> throw new IllegalStateException();
      }
    }
    writer.write(g);
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  /** A plain local {@link OutputFile}. */
  private record LocalFile(Path path) implements OutputFile {
    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      return open(StandardOpenOption.CREATE_NEW);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      return open(StandardOpenOption.CREATE);
    }

    private PositionOutputStream open(StandardOpenOption mode) throws IOException {
      OutputStream os = new BufferedOutputStream(Files.newOutputStream(path, mode, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING), 1 << 16);
      return new PositionOutputStream() {
        private long pos;

        @Override
        public long getPos() {
          return pos;
        }

        @Override
        public void write(int b) throws IOException {
          os.write(b);
          pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          os.write(b, off, len);
          pos += len;
        }

        @Override
        public void flush() throws IOException {
          os.flush();
        }

        @Override
        public void close() throws IOException {
          os.close();
        }
      };
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 128L * 1024 * 1024;
    }

    /** Overrides {@code OutputFile.getPath()} where the Parquet version has it. */
    public String getPath() {
      return path.toString();
    }
  }
}
