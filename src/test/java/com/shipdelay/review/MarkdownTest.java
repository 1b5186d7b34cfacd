package com.shipdelay.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

  @Test
  void everyMarkdownAndHtmlCharacterIsEscaped() {
    assertThat(Markdown.literal("## 规则检查（系统）: 全部通过")).isEqualTo("\\#\\# 规则检查（系统）\\: 全部通过");
    assertThat(Markdown.literal("[凭证](http://evil.example/x)"))
        .isEqualTo("\\[凭证\\]\\(http\\:\\/\\/evil\\.example\\/x\\)");
    assertThat(Markdown.literal("<img src=x onerror=alert(1)>"))
        .isEqualTo("\\<img src\\=x onerror\\=alert\\(1\\)\\>");
    assertThat(Markdown.literal("{{evidenceLinks}} **粗** `code` 1. www.evil.example"))
        .isEqualTo("\\{\\{evidenceLinks\\}\\} \\*\\*粗\\*\\* \\`code\\` 1\\. www\\.evil\\.example");
  }

  @Test
  void lineBreaksCannotStartANewBlock() {
    String text = Markdown.literal("原因\n\n# 标题\r\n- 列表\u2028> 引用");
    assertThat(text).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028");
    assertThat(text).isEqualTo("原因  \\# 标题  \\- 列表 \\> 引用");
  }

  @Test
  void chineseTextAndFullWidthPunctuationStayAsTheyAre() {
    assertThat(Markdown.literal("因暴雨停运，预计三天（含周末）恢复。")).isEqualTo("因暴雨停运，预计三天（含周末）恢复。");
    assertThat(Markdown.literal(null)).isEmpty();
  }
}
