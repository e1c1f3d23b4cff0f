package com.erasureworker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** OWASP CSV injection: a cell a spreadsheet would evaluate is shown as text instead. */
class AuditCsvInjectionTest {

    @Test
    void cellsThatBeginLikeAFormulaGetALeadingApostropheAndOthersStayAsTheyAre() {
        Object[] row = { 42L, "=HYPERLINK(\"http://evil\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "dpo", "{\"a\":1}", "" };

        assertThat(AuditCsv.neutralised(row)).containsExactly(42L, "'=HYPERLINK(\"http://evil\")", "'+1", "'-2",
                "'@SUM(A1)", "'\tx", "'\rx", "dpo", "{\"a\":1}", "");
    }
}
