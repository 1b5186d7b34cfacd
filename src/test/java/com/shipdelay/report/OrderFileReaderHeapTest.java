package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STACK.md's figure, held: 100,000 rows of an Excel-style file (every order number in the
 * shared-strings table) read in a JVM of its own with a 32 MB heap (it fails at 12 MB).
 */
class OrderFileReaderHeapTest {

  static final int ROWS = 100_000;
  static final String HEAP = "-Xmx32m";

  /** Run in the small JVM: reads args[0] and prints the count, first and last order number. */
  public static void main(String[] args) throws IOException {
    OrderFileReader reader = new OrderFileReader(new OrderFileSettings(ROWS, null));
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      List<String> ids = reader.read(in);
      System.out.println(ids.size() + " " + ids.get(0) + " " + ids.get(ids.size() - 1));
    }
  }

  @Test
  void readsOneHundredThousandSharedStringRowsIn32MegabytesOfHeap(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("100k.xlsx");
    XlsxFixture.writeManyRows(file, ROWS, true);

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                HEAP,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                OrderFileReaderHeapTest.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    boolean done = process.waitFor(120, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!done) {
      process.destroyForcibly();
    }

    assertThat(done).as("finished in time").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains(ROWS + " " + XlsxFixture.orderId(0) + " " + XlsxFixture.orderId(ROWS - 1));
  }
}
