package com.shipdelay.report;

import com.shipdelay.bench.BenchSupport;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.util.unit.DataSize;

/**
 * Part 1, Excel intake: 100,000 order numbers in an .xlsx, read by our streaming {@link
 * OrderFileReader} and by POI's {@code XSSFWorkbook}, each in child JVMs of its own.
 */
public final class ExcelBench {

  static final int ROWS = Integer.getInteger("bench.excel.rows", 100_000);
  static final int REPEATS = Integer.getInteger("bench.repeats", 3);

  private ExcelBench() {}

  public static BenchSupport.Output run(Path dir) throws Exception {
    BenchSupport.Output out = new BenchSupport.Output();
    Path file = dir.resolve("orders-" + ROWS + ".xlsx");
    long t0 = System.nanoTime();
    generate(file, ROWS);
    BenchSupport.log(
        "generated %s (%d bytes) in %.1f s",
        file, Files.size(file), (System.nanoTime() - t0) / 1e9);

    // time and peak heap: one JVM per reader, the same generous heap, a warm-up read, then repeats
    Map<String, Object> ours = worker("ours", file, 1024, REPEATS + 1);
    Map<String, Object> xssf = worker("xssf", file, 1024, REPEATS + 1);
    List<Double> oursTimes = times(ours);
    List<Double> xssfTimes = times(xssf);
    double oursMs = BenchSupport.median(oursTimes);
    double xssfMs = BenchSupport.median(xssfTimes);
    double speedup = xssfMs / oursMs;
    out.rows()
        .add(
            new BenchSupport.Row(
                "1 Excel intake",
                "read " + ROWS + " order numbers (.xlsx), time, -Xmx1g",
                BenchSupport.f(oursMs) + " ms (OrderFileReader)",
                BenchSupport.f(xssfMs) + " ms (XSSFWorkbook)",
                BenchSupport.round(speedup),
                "≥4× faster",
                speedup >= 4,
                "-",
                "median of "
                    + REPEATS
                    + " reads after 1 warm-up read in the same JVM; all reads "
                    + oursTimes
                    + " vs "
                    + xssfTimes));
    out.rows()
        .add(
            new BenchSupport.Row(
                "1 Excel intake",
                "peak heap used during one read (-Xmx1g)",
                BenchSupport.f(median(ours, "peakHeapMb")) + " MB",
                BenchSupport.f(median(xssf, "peakHeapMb")) + " MB",
                BenchSupport.round(median(xssf, "peakHeapMb") / median(ours, "peakHeapMb")),
                "-",
                null,
                "-",
                "sum of the heap pools' peaks after a full GC and a peak reset; includes garbage"
                    + " not yet collected"));

    // the smallest heap that works, from a ladder, one JVM per attempt
    // (XSSFWorkbook starts at the target's 64 MB: below it says nothing the target needs)
    int[] ladder = {24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024};
    int oursMin = smallestHeap("ours", file, ladder);
    int xssfMin =
        smallestHeap("xssf", file, java.util.Arrays.copyOfRange(ladder, 3, ladder.length));
    boolean at64 = works("ours", file, 64);
    out.rows()
        .add(
            new BenchSupport.Row(
                "1 Excel intake",
                "smallest -Xmx that reads the file (ladder "
                    + java.util.Arrays.toString(ladder)
                    + ")",
                oursMin < 0 ? "none" : "-Xmx" + oursMin + "m",
                xssfMin < 0 ? "none up to 1g" : "-Xmx" + xssfMin + "m",
                oursMin > 0 && xssfMin > 0 ? BenchSupport.round((double) xssfMin / oursMin) : null,
                "works with -Xmx64m",
                at64,
                "-",
                "our reader at -Xmx64m: " + (at64 ? "works" : "FAILS")));
    out.sections()
        .put(
            "Excel intake: how",
            "The file is generated with SXSSF: a text-formatted column A, header 订单号, "
                + ROWS
                + " 16-digit order numbers as shared strings (as Excel saves them). Our reader is"
                + " the production OrderFileReader with its row limit raised to "
                + ROWS
                + " for the bench (production refuses files over 50,000 rows, the report's own"
                + " limit). XSSFWorkbook opens the same file and reads column A of every row with"
                + " a DataFormatter. Each reader runs in a child JVM of its own"
                + " (default GC); the smallest-heap search starts one JVM per rung.");
    return out;
  }

  private static double median(Map<String, Object> result, String key) {
    @SuppressWarnings("unchecked")
    List<Number> values = (List<Number>) result.get(key);
    List<Double> doubles = new ArrayList<>();
    values.stream().skip(1).forEach(v -> doubles.add(v.doubleValue()));
    return BenchSupport.median(doubles);
  }

  private static List<Double> times(Map<String, Object> result) {
    @SuppressWarnings("unchecked")
    List<Number> values = (List<Number>) result.get("timesMs");
    List<Double> doubles = new ArrayList<>();
    values.stream().skip(1).forEach(v -> doubles.add(BenchSupport.round(v.doubleValue())));
    return doubles;
  }

  static void generate(Path file, int rows) throws Exception {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, true, true)) {
      Sheet sheet = workbook.createSheet("订单");
      CellStyle text = workbook.createCellStyle();
      text.setDataFormat(workbook.createDataFormat().getFormat("@"));
      sheet.setDefaultColumnStyle(0, text);
      Row header = sheet.createRow(0);
      header.createCell(0).setCellValue("订单号");
      for (int i = 1; i <= rows; i++) {
        Row row = sheet.createRow(i);
        Cell cell = row.createCell(0);
        cell.setCellStyle(text);
        cell.setCellValue(String.valueOf(2611000000000000L + i));
      }
      try (var out = Files.newOutputStream(file)) {
        workbook.write(out);
      }
    }
  }

  private static int smallestHeap(String reader, Path file, int[] ladder) throws Exception {
    for (int mb : ladder) {
      if (works(reader, file, mb)) {
        return mb;
      }
    }
    return -1;
  }

  private static boolean works(String reader, Path file, int heapMb) throws Exception {
    try {
      Map<String, Object> r = worker(reader, file, heapMb, 1);
      boolean ok = ((Number) r.get("rows")).intValue() == ROWS;
      BenchSupport.log("%s at -Xmx%dm: %s", reader, heapMb, ok ? "works" : "wrong row count");
      return ok;
    } catch (IllegalStateException e) {
      BenchSupport.log("%s at -Xmx%dm: fails (%s)", reader, heapMb, e.getMessage());
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> worker(String reader, Path file, int heapMb, int reads)
      throws Exception {
    Path result = Files.createTempFile("excel-bench-", ".json");
    Path log = Files.createTempFile("excel-bench-", ".log");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m",
                "-cp",
                System.getProperty("java.class.path"),
                ExcelBench.class.getName(),
                reader,
                file.toString(),
                String.valueOf(reads),
                result.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean done = p.waitFor(180, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException("no answer in 180 s");
    }
    if (p.exitValue() != 0 || Files.size(result) == 0) {
      String text = Files.readString(log);
      String why =
          text.contains("OutOfMemoryError")
              ? "OutOfMemoryError"
              : "exit " + p.exitValue() + ": " + text.lines().limit(3).toList();
      throw new IllegalStateException(why);
    }
    Map<String, Object> map = BenchSupport.JSON.readValue(result.toFile(), Map.class);
    Files.deleteIfExists(result);
    Files.deleteIfExists(log);
    return map;
  }

  /** The child: {@code ours|xssf file reads resultFile}. */
  public static void main(String[] args) throws Exception {
    String reader = args[0];
    Path file = Path.of(args[1]);
    int reads = Integer.parseInt(args[2]);
    OrderFileReader ours =
        new OrderFileReader(new OrderFileSettings(ROWS, DataSize.ofMegabytes(20)));
    List<Double> times = new ArrayList<>();
    List<Double> peaks = new ArrayList<>();
    int rows = 0;
    for (int i = 0; i < reads; i++) {
      System.gc();
      List<MemoryPoolMXBean> heap =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(pool -> pool.getType() == MemoryType.HEAP)
              .toList();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      long t0 = System.nanoTime();
      List<String> ids = reader.equals("ours") ? readOurs(ours, file) : readXssf(file);
      times.add((System.nanoTime() - t0) / 1e6);
      peaks.add(
          heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / (1024.0 * 1024));
      rows = ids.size();
    }
    BenchSupport.JSON.writeValue(
        Path.of(args[3]).toFile(), Map.of("timesMs", times, "peakHeapMb", peaks, "rows", rows));
  }

  private static List<String> readOurs(OrderFileReader reader, Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return reader.read(in);
    }
  }

  private static List<String> readXssf(Path file) throws Exception {
    DataFormatter formatter = new DataFormatter();
    List<String> ids = new ArrayList<>();
    try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
      Sheet sheet = workbook.getSheetAt(0);
      for (Row row : sheet) {
        if (row.getRowNum() == 0) {
          continue;
        }
        Cell cell = row.getCell(0);
        if (cell != null) {
          ids.add(formatter.formatCellValue(cell));
        }
      }
    }
    return ids;
  }
}
