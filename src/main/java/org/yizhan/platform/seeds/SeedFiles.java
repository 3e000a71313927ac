package org.yizhan.platform.seeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.core.io.ClassPathResource;

/** Reads the demo data's YAML files from the seeds folder, or from the copy on the classpath. */
public class SeedFiles {

  private final Path folder;
  private final ObjectMapper yaml = YAMLMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  SeedFiles(Path folder) {
    this.folder = folder;
  }

  public <T> List<T> read(String fileName, Class<T> type) {
    try (InputStream in = open(fileName)) {
      return yaml.readValue(in, yaml.getTypeFactory().constructCollectionType(List.class, type));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read seed file " + fileName, e);
    }
  }

  public <T> T readOne(String fileName, Class<T> type) {
    try (InputStream in = open(fileName)) {
      return yaml.readValue(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read seed file " + fileName, e);
    }
  }

  private InputStream open(String fileName) throws IOException {
    Path file = folder.resolve(fileName);
    return Files.isRegularFile(file) ? Files.newInputStream(file) : new ClassPathResource("seeds/" + fileName).getInputStream();
  }
}
