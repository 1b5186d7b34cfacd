package com.shipdelay.evidence;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of evidence a merchant can file; which ones a type requires is in the DMN table. */
public enum EvidenceKind {
  COURIER_NOTICE("快递停止揽收通知"),
  OFFICIAL_NOTICE("官方通知"),
  PRICING_PROOF("价格设置错误证明"),
  BUYER_AGREEMENT("买家同意延迟发货的记录"),
  FORCE_MAJEURE_PROOF("不可抗力证明"),
  NEGOTIATION_RECORD("与买家协商的记录"),
  OTHER("其他材料");

  private final String label;

  EvidenceKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Optional<EvidenceKind> parse(String code) {
    return Arrays.stream(values()).filter(k -> k.name().equals(code)).findFirst();
  }
}
