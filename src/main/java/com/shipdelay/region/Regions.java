package com.shipdelay.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.zip.CRC32;
import org.springframework.stereotype.Component;

/**
 * The GB/T 2260 dictionary (from {@code classpath:regions/}): lookup, containment by code prefix,
 * and reduction of a set of regions to the ones no other member contains.
 *
 * <p>Hong Kong, Macao and Taiwan are provinces with their GB/T 2260 codes ({@link #HONG_KONG},
 * {@link #MACAO}, {@link #TAIWAN}). The data has no finer codes for them, so their districts are
 * not regions of their own: {@link AddressParser} maps them to the province.
 */
@Component
public class Regions {

  public static final String HONG_KONG = "81";
  public static final String MACAO = "82";
  public static final String TAIWAN = "71";

  /**
   * An abolished, merged or renamed unit (from {@code regions/changes.csv}): the name buyers keep
   * writing and the current unit that covers its place.
   */
  record Change(
      String oldName,
      String oldCode,
      String parentCode,
      String newCode,
      String newName,
      String date,
      String source) {

    /** The level the old unit had: from its code, else from its parent's. */
    Region.Level oldLevel() {
      int length = oldCode.isEmpty() ? parentCode.length() + 2 : oldCode.length();
      return length <= 2
          ? Region.Level.PROVINCE
          : length == 4 ? Region.Level.CITY : Region.Level.DISTRICT;
    }
  }

  /** The files the parser's names come from; their checksum is part of the parser's version. */
  static final List<String> DATA =
      List.of(
          "regions/release.properties",
          "regions/provinces.csv",
          "regions/cities.csv",
          "regions/areas.csv",
          "regions/changes.csv",
          "regions/HK-MO-TW.json");

  private final Map<String, Region> byCode;
  private final List<Change> changes;
  private final String release;
  private final String checksum;

  public Regions() {
    Map<String, Region> regions = new LinkedHashMap<>();
    read(
        "regions/provinces.csv",
        row -> regions.put(row[0], new Region(row[0], row[1], Region.Level.PROVINCE)));
    // not in the mainland data set; short names 香港, 澳门, 台湾 come from the suffix rules
    regions.put(HONG_KONG, new Region(HONG_KONG, "香港特别行政区", Region.Level.PROVINCE));
    regions.put(MACAO, new Region(MACAO, "澳门特别行政区", Region.Level.PROVINCE));
    regions.put(TAIWAN, new Region(TAIWAN, "台湾省", Region.Level.PROVINCE));
    read(
        "regions/cities.csv",
        row -> regions.put(row[0], new Region(row[0], row[1], Region.Level.CITY)));
    read(
        "regions/areas.csv",
        row -> regions.put(row[0], new Region(row[0], row[1], Region.Level.DISTRICT)));
    this.byCode = Collections.unmodifiableMap(regions);
    List<Change> changes = new ArrayList<>();
    read(
        "regions/changes.csv",
        row ->
            changes.add(
                new Change(
                    row[0], row[1], row[2], row[3], row[4], row[5], row.length > 6 ? row[6] : "")));
    this.changes = List.copyOf(changes);
    this.release = readRelease();
    this.checksum = computeChecksum();
  }

  /**
   * The GB/T 2260 release the dictionary was made from ({@code release=} in {@code
   * regions/release.properties}, written by {@link DictionaryImport}).
   */
  public String release() {
    return release;
  }

  /** CRC-32 of every data file, in hex: any edit of the dictionary or the old names changes it. */
  String checksum() {
    return checksum;
  }

  private static String readRelease() {
    Properties properties = new Properties();
    try (InputStream in = resource("regions/release.properties")) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String release = properties.getProperty("release", "").trim();
    if (release.isEmpty()) {
      throw new IllegalStateException("regions/release.properties names no release");
    }
    return release;
  }

  private static String computeChecksum() {
    CRC32 crc = new CRC32();
    for (String file : DATA) {
      try (InputStream in = resource(file)) {
        crc.update(in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return String.format("%08x", crc.getValue());
  }

  private static InputStream resource(String name) {
    InputStream in = Regions.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing " + name);
    }
    return in;
  }

  /** The changes to the divisions that old names in addresses still refer to. */
  List<Change> changes() {
    return changes;
  }

  public Optional<Region> find(String code) {
    return Optional.ofNullable(code).map(byCode::get);
  }

  public boolean exists(String code) {
    return code != null && byCode.containsKey(code);
  }

  public Collection<Region> all() {
    return byCode.values();
  }

  /** A check of the region codes a request names (422 {@code UNKNOWN_REGION}). */
  public RegionCheck check() {
    return new RegionCheck(this);
  }

  /** Whether {@code inner} lies inside {@code outer} (or is it). */
  public static boolean contains(String outer, String inner) {
    return outer != null && inner != null && inner.startsWith(outer);
  }

  /** Whether {@code code} lies inside any of {@code areas}. */
  public static boolean insideAny(String code, Collection<String> areas) {
    return code != null && areas.stream().anyMatch(a -> contains(a, code));
  }

  /**
   * The smallest set with the same coverage: duplicates removed, and every region dropped that
   * another member contains (a province replaces its cities). Sorted by code.
   */
  public static List<String> reduce(Collection<String> codes) {
    TreeSet<String> sorted = new TreeSet<>(codes);
    List<String> kept = new ArrayList<>();
    for (String code : sorted) {
      // sorted order puts a prefix before every code it contains
      if (kept.isEmpty() || !contains(kept.get(kept.size() - 1), code)) {
        kept.add(code);
      }
    }
    return kept;
  }

  private interface RowHandler {
    void row(String[] columns);
  }

  private static void read(String resource, RowHandler handler) {
    try (InputStream in = resource(resource)) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = reader.readLine();
      while (header != null && header.startsWith("#")) {
        header = reader.readLine(); // comment lines (source) before the header
      }
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] columns = line.split(",", -1);
          for (int i = 0; i < columns.length; i++) {
            columns[i] = columns[i].replace("\"", "").trim();
          }
          handler.row(columns);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
