package com.shipdelay.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.openapitools.codegen.CodegenConstants;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/**
 * A Java client generated from the served OpenAPI description with openapi-generator (the {@code
 * java} generator, library {@code native}: java.net.http and Jackson, nothing else at run time),
 * compiled in-process and called by reflection, as a merchant's developer would generate one.
 */
final class GeneratedClient {

  private static final String PACKAGE = "com.shipdelay.client";

  private final ClassLoader loader;

  private GeneratedClient(ClassLoader loader) {
    this.loader = loader;
  }

  /** What filing through the client answered, and what reading the report back answered. */
  record Filed(
      long id, String type, long readBackId, String readBackStatus, int readBackOrderCount) {}

  static GeneratedClient generate(String spec, Path dir) throws Exception {
    Path specFile = dir.resolve("api-docs.json");
    Files.writeString(specFile, spec);
    CodegenConfigurator config =
        new CodegenConfigurator()
            .setGeneratorName("java")
            .setLibrary("native")
            .setInputSpec(specFile.toString())
            .setOutputDir(dir.resolve("generated").toString())
            .setInvokerPackage(PACKAGE)
            .setApiPackage(PACKAGE + ".api")
            .setModelPackage(PACKAGE + ".model")
            .addAdditionalProperty("useJakartaEe", true)
            .addAdditionalProperty("openApiNullable", false)
            .addAdditionalProperty("annotationLibrary", "none")
            .addAdditionalProperty("hideGenerationTimestamp", true);
    DefaultGenerator generator = new DefaultGenerator();
    for (String off :
        List.of(
            CodegenConstants.API_TESTS,
            CodegenConstants.MODEL_TESTS,
            CodegenConstants.API_DOCS,
            CodegenConstants.MODEL_DOCS)) {
      generator.setGeneratorPropertyDefault(off, "false");
    }
    List<File> sources =
        generator.opts(config.toClientOptInput()).generate().stream()
            .filter(f -> f.getName().endsWith(".java"))
            .toList();
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    compile(sources, classes);
    return new GeneratedClient(
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, GeneratedClient.class.getClassLoader()));
  }

  /** javac against the test classpath, which holds everything the generated code imports. */
  private static void compile(List<File> sources, Path classes) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              classes.toString(),
              "-proc:none",
              "-nowarn",
              "-encoding",
              "UTF-8");
      boolean compiled =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromFiles(sources))
              .call();
      if (!compiled) {
        throw new AssertionError(
            "the generated client does not compile:\n"
                + diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                    .limit(20)
                    .map(Object::toString)
                    .collect(Collectors.joining("\n")));
      }
    }
  }

  /**
   * Files {@code reportJson} with the generated {@code fileReport} (the JSON form), then reads the
   * report back with {@code getReport}, authenticated with the merchant's token.
   */
  Filed fileAndRead(String baseUri, String token, String reportJson) throws Exception {
    Class<?> clientType = loader.loadClass(PACKAGE + ".ApiClient");
    Object client = clientType.getConstructor().newInstance();
    clientType.getMethod("updateBaseUri", String.class).invoke(client, baseUri);
    Consumer<HttpRequest.Builder> bearer = b -> b.header("Authorization", "Bearer " + token);
    clientType.getMethod("setRequestInterceptor", Consumer.class).invoke(client, bearer);
    ObjectMapper json = (ObjectMapper) clientType.getMethod("getObjectMapper").invoke(client);

    Class<?> apiType = loader.loadClass(PACKAGE + ".api.DelayReportsApi");
    Object api = apiType.getConstructor(clientType).newInstance(client);
    // fileReport(SubmitReportRequest, String idempotencyKey); an overload adds extra headers
    Method file = method(apiType, "fileReport", 2);
    Object request = json.readValue(reportJson, file.getParameterTypes()[0]);
    Object filed = file.invoke(api, request, null);

    long id = ((Number) get(filed, "getId")).longValue();
    Object again = method(apiType, "getReport", 1).invoke(api, id);
    return new Filed(
        id,
        String.valueOf(get(filed, "getType")),
        ((Number) get(again, "getId")).longValue(),
        String.valueOf(get(again, "getStatus")),
        ((Number) get(again, "getOrderCount")).intValue());
  }

  private static Method method(Class<?> type, String name, int parameters) {
    return Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals(name) && m.getParameterCount() == parameters)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no "
                        + name
                        + " in "
                        + type.getSimpleName()
                        + ": "
                        + Arrays.stream(type.getDeclaredMethods()).map(Method::getName).toList()));
  }

  private static Object get(Object bean, String getter) throws Exception {
    return bean.getClass().getMethod(getter).invoke(bean);
  }
}
