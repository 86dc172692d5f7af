package vn.gov.haiphong.lgsp.exchange.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Long package texts are cut to their columns without leaving half a character behind. */
class DocumentExchangeShortenTest {

    @Test
    void shortTextsStayWhole() {
        assertThat(DocumentExchange.shorten("Về việc", 10)).isEqualTo("Về việc");
        assertThat(DocumentExchange.shorten(null, 10)).isNull();
    }

    @Test
    void longTextsEndInAnEllipsisWithinTheLimit() {
        assertThat(DocumentExchange.shorten("abcdefghijkl", 5)).isEqualTo("abcd…").hasSize(5);
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String text = "abc\uD83D\uDCC4def"; // U+1F4C4 between abc and def
        String cut = DocumentExchange.shorten(text, 5);
        assertThat(cut).isEqualTo("abc…");
        assertThat(cut.chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
    }
}
