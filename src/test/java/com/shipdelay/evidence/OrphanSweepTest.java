package com.shipdelay.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class OrphanSweepTest {

  @Autowired OrphanSweep sweep;
  @Autowired ObjectStore store;
  @Autowired TestData data;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @Test
  void removesObjectsWithoutAnEvidenceRowAndKeepsTheRest() throws Exception {
    var merchant = data.merchant();
    long reportId =
        Filing.file(
                new Api(port),
                merchant,
                "SPECIAL_ORDER",
                data.pendingOrders(merchant, 1, "440305"),
                "BUYER_AGREEMENT")
            .json()
            .get("id")
            .asLong();
    String kept =
        jdbc.sql("select object_key from evidence where report_id = ?")
            .param(reportId)
            .query(String.class)
            .single();
    String orphan = "reports/" + reportId + "/" + UUID.randomUUID();
    store.put(orphan, new ByteArrayInputStream(Filing.PDF), Filing.PDF.length, "application/pdf");

    int removed = sweep.sweep(Instant.now().plusSeconds(60));

    assertThat(removed).isGreaterThanOrEqualTo(1);
    assertThatThrownBy(() -> store.stat(orphan))
        .isInstanceOf(io.minio.errors.ErrorResponseException.class);
    assertThat(store.stat(kept).size()).isEqualTo(Filing.PDF.length);
  }

  @Test
  void leavesYoungObjectsAlone() throws Exception {
    String young = "reports/0/" + UUID.randomUUID();
    store.put(young, new ByteArrayInputStream(Filing.PDF), Filing.PDF.length, "application/pdf");

    sweep.sweep(Instant.now().minus(OrphanSweep.GRACE));

    assertThat(store.stat(young).size()).isEqualTo(Filing.PDF.length);
  }
}
