package com.shipdelay.identity;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Camunda users created at start-up. A user without a password is skipped (and logged), so a
 * production deployment never gets a default password by accident.
 */
@ConfigurationProperties("shipdelay.identity")
record IdentitySettings(List<User> users) {

  IdentitySettings {
    users = users == null ? List.of() : List.copyOf(users);
  }

  record User(String id, String password, String firstName, String lastName, List<String> groups) {
    User {
      groups = groups == null ? List.of() : List.copyOf(groups);
    }

    @Override
    public String toString() {
      // never let the password reach a log line
      return "User[" + id + ", groups=" + groups + "]";
    }
  }
}
