package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class IdempotencyKeyPurgeTest {

  @Autowired IdempotencyKeyPurge purge;
  @Autowired TestData data;
  @Autowired JdbcClient jdbc;

  @Test
  void keysOlderThanADayAreDeletedAndYoungerOnesKept() {
    var merchant = data.merchant();
    jdbc.sql(
            "insert into idempotency_key (merchant_id, key, request_hash, created_at) values"
                + " (?, 'old', repeat('a', 64), now() - interval '25 hours'),"
                + " (?, 'young', repeat('b', 64), now() - interval '23 hours')")
        .params(merchant.id(), merchant.id())
        .update();

    assertThat(purge.purge()).isGreaterThanOrEqualTo(1);

    assertThat(
            jdbc.sql("select key from idempotency_key where merchant_id = ?")
                .param(merchant.id())
                .query(String.class)
                .list())
        .containsExactly("young");
  }
}
