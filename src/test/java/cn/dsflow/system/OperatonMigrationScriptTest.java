package cn.dsflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit path off Camunda 7 CE (docs/operaton.md): scripts/migrate-to-operaton.sh renames a copy of the tree. The
 * full Operaton suite is a separate command; this checks the copy it builds from, and that the working tree and an
 * existing database's migration history are left alone.
 */
class OperatonMigrationScriptTest {

  private static final Path SOURCE = Path.of("").toAbsolutePath();
  private static final List<String> READ_ONLY = List.of("pom.xml", "src/main", "src/test", "bpmn", "forms");

  @TempDir static Path temp;
  static Path copy;
  static Map<String, String> before;

  @BeforeAll
  static void renameACopy() throws Exception {
    before = digests(SOURCE, READ_ONLY);
    copy = temp.resolve("operaton");
    assertThat(run(copy).exitCode).as("migrate-to-operaton.sh --rename-only").isZero();
  }

  @Test
  void theWorkingTreeIsOnlyRead() throws Exception {
    assertThat(digests(SOURCE, READ_ONLY)).isEqualTo(before);
  }

  @Test
  void anExistingDatabaseKeepsItsMigrationChecksums() throws Exception {
    // Flyway refuses to start on a database whose applied migrations changed; they are copied byte for byte
    List<String> migrations = List.of("src/main/resources/db/migration");
    assertThat(digests(copy, migrations)).isNotEmpty().isEqualTo(digests(SOURCE, migrations));
  }

  @Test
  void theCopyBuildsOnOperatonWithNothingLeftOfCamunda() throws Exception {
    String pom = Files.readString(copy.resolve("pom.xml"));
    assertThat(pom).contains("<operaton.version>1.0.3</operaton.version>", "<artifactId>operaton-bom</artifactId>")
        .doesNotContain("org.camunda");
    assertThat(Files.readString(copy.resolve("src/main/resources/application.yaml")))
        .contains("\noperaton:\n").doesNotContain("camunda");
    try (Stream<Path> files = Files.walk(copy.resolve("src"))) {
      // this test names what it looks for, so the script keeps it as it is
      List<Path> javaWithCamunda = files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.endsWith("OperatonMigrationScriptTest.java"))
          .filter(f -> read(f).contains("org.camunda") || read(f).contains("Camunda")).toList();
      assertThat(javaWithCamunda).isEmpty();
    }
  }

  @Test
  void everyDiagramAndDecisionTableUsesOperatonsNamespaceAndStaysWellFormed() throws Exception {
    DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
    xml.setNamespaceAware(true);
    try (Stream<Path> files = Files.list(copy.resolve("bpmn"))) {
      List<Path> models = files.filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn")).toList();
      assertThat(models).isNotEmpty();
      for (Path model : models) {
        String text = read(model);
        assertThat(text).as(model.toString())
            .containsPattern("xmlns:operaton=\"http://operaton\\.org/schema/1\\.0/(bpmn|dmn)\"")
            .doesNotContain("camunda:", "http://camunda.org/schema/1.0/");
        xml.newDocumentBuilder().parse(model.toFile());
      }
    }
  }

  @Test
  void refusesToWipeADirectoryItDidNotMake() throws Exception {
    Path foreign = temp.resolve("someone-elses");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("keep.txt"), "数据");
    Result result = run(foreign);
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.output).contains("refusing");
    assertThat(Files.readString(foreign.resolve("keep.txt"))).isEqualTo("数据");
  }

  record Result(int exitCode, String output) {}

  private static Result run(Path target) throws Exception {
    Process process = new ProcessBuilder("bash", "scripts/migrate-to-operaton.sh", "--rename-only", target.toString())
        .directory(SOURCE.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("script finished").isTrue();
    return new Result(process.exitValue(), output);
  }

  private static Map<String, String> digests(Path root, List<String> paths) throws Exception {
    Map<String, String> digests = new TreeMap<>();
    for (String path : paths) {
      if (!Files.exists(root.resolve(path))) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root.resolve(path))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
          digests.put(root.relativize(f).toString(), HexFormat.of().formatHex(hash));
        }
      }
    }
    return digests;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new IllegalStateException(f.toString(), e);
    }
  }
}
