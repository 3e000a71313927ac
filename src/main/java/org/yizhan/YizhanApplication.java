package org.yizhan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Yizhan (驿站): the software neighbourhood service stations run on, on top of Camunda 7. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class YizhanApplication {

  public static void main(String[] args) {
    SpringApplication.run(YizhanApplication.class, args);
  }
}
