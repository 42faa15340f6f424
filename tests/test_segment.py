from hypothesis import given, settings
from hypothesis import strategies as st

from disclint.text.segment import SUDACHI_MAX_BYTES, chunk_spans, sentence_spans, sentences


def test_quoted_full_stops_do_not_split():
    text = "当社は「情報は資産である。守り抜く。」と宣言しています。次に対策を述べる。"
    assert sentences(text) == ["当社は「情報は資産である。守り抜く。」と宣言しています。", "次に対策を述べる。"]


def test_headings_and_bullets_without_full_stop_end_at_line_breaks():
    text = "(6) 情報セキュリティについて\n当社は対策を講じている。\n・EDRの導入\n・SOCによる24時間監視"
    assert [s.strip() for s in sentences(text)] == [
        "(6) 情報セキュリティについて",
        "当社は対策を講じている。",
        "・EDRの導入",
        "・SOCによる24時間監視",
    ]


def test_unbalanced_bracket_recovers_at_line_break():
    text = "「閉じない括弧。続き。\n次の文。"
    assert [s.strip() for s in sentences(text)] == ["「閉じない括弧。続き。", "次の文。"]


def test_exclamation_and_question_marks_and_closing_quotes():
    assert sentences("本当ですか？！はい。「了解。」と答えた。以上。") == ["本当ですか？！", "はい。", "「了解。」と答えた。", "以上。"]


def test_long_text_is_chunked_under_sudachi_limit_on_sentence_boundaries():
    sentence = "当社グループは、サイバー攻撃による情報漏えいを防ぐため、多層防御を実施している。"
    text = sentence * 2000  # ≈ 240 KB of UTF-8
    spans = chunk_spans(text)
    assert len(spans) > 1
    for s, e in spans:
        assert len(text[s:e].encode()) <= 40_000
        assert text[s:e].endswith("。")  # packed whole sentences


def test_a_single_sentence_longer_than_the_limit_is_hard_split():
    text = "あ、" * 30000  # one 180 KB "sentence" without 。
    spans = chunk_spans(text)
    assert all(len(text[s:e].encode()) < SUDACHI_MAX_BYTES for s, e in spans)
    assert "".join(text[s:e] for s, e in spans) == text


def _assert_partition(spans, text):
    pos = 0
    for s, e in spans:
        assert s == pos and e > s
        pos = e
    assert pos == len(text)


japanese = st.text(alphabet=st.sampled_from(list("あいう漢字カナ。、！？「」『』（）()\n \u3000ABC123・")), max_size=400)


@given(st.one_of(japanese, st.text(max_size=300)))
def test_sentences_partition_the_text(text):
    spans = sentence_spans(text)
    _assert_partition(spans, text)


@settings(max_examples=200)
@given(st.one_of(japanese, st.text(max_size=300)), st.integers(4, 200))
def test_chunks_partition_the_text_and_respect_the_byte_budget(text, budget):
    spans = chunk_spans(text, max_bytes=budget)
    _assert_partition(spans, text)
    for s, e in spans:
        assert len(text[s:e].encode("utf-8")) <= budget
