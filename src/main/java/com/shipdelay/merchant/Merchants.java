package com.shipdelay.merchant;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The merchants table. */
@Repository
public class Merchants {

  private final JdbcClient jdbc;

  Merchants(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long create(String name, String shipFromRegion, String tokenHash) {
    return jdbc.sql(
            "insert into merchant (name, ship_from_region, token_hash) values (?, ?, ?) returning id")
        .params(name, shipFromRegion, tokenHash)
        .query(Long.class)
        .single();
  }

  Optional<Merchant> findByTokenHash(String tokenHash) {
    return jdbc.sql("select id, name, ship_from_region from merchant where token_hash = ?")
        .param(tokenHash)
        .query((rs, n) -> new Merchant(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .optional();
  }

  public Optional<Merchant> findById(long id) {
    return jdbc.sql("select id, name, ship_from_region from merchant where id = ?")
        .param(id)
        .query((rs, n) -> new Merchant(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .optional();
  }
}
