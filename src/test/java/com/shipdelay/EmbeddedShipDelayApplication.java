package com.shipdelay;

import com.shipdelay.support.DemoData;
import com.shipdelay.support.EmbeddedInfrastructure;
import org.springframework.boot.SpringApplication;

/**
 * {@code ./mvnw spring-boot:test-run}: the whole application with an embedded PostgreSQL, an
 * in-process S3 server and demo data. Nothing to install beyond a JDK.
 */
public class EmbeddedShipDelayApplication {

  public static void main(String[] args) {
    SpringApplication.from(ShipDelayApplication::main)
        .with(EmbeddedInfrastructure.class, DemoData.class)
        .withAdditionalProfiles("embedded", "demo")
        .run(args);
  }
}
