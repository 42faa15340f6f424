"""Property tests over the reader-independent stages (complementing tests/test_segment.py and
tests/test_normalize.py): SudachiPy-safe chunks of big texts with astral characters, offset maps
through ``Block.norm``, the mapper and the lint rules on arbitrary text, and the text reader's
decoding round trip for UTF-8 / UTF-16 / CP932."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from disclint.model.document import Block, BlockKind, Document, Location
from disclint.text.normalize import normalize
from disclint.text.segment import DEFAULT_CHUNK_BYTES, SUDACHI_MAX_BYTES, chunk_spans

# Characters that make normalisation and segmentation interesting: full/half-width forms,
# half-width kana with voiced marks, combining dakuten (NFD kana), zero-width characters,
# keep-list symbols, radicals, astral characters (CJK Extension B, emoji, flags, ZWJ).
TRICKY = list(
    "あいうかがきぎアイウカガ漢字情報当社。、！？「」『』（）()・\n \u3000"
    "ＡＢＣ１２３ｱｲｳｶﾞﾊﾟｰ"
    "\u3099\u309a\u0301\u200b\u200c\u200d\u2060\ufeff"
    "①②Ⅰⅱ㈱㍻～…"
    "\u2f47\u2e8c"
    "\U00020bb7\U0002a6b2\U0001f600\U0001f1ef\U0001f1f5\U0001f469\u200d\U0001f4bb"
) + ["か\u3099", "ﾃﾞ", "ＣＳＩＲＴ", "ランサムウェア", "サイバー攻撃", "取締役会", "ＥＤＲ"]

tricky_text = st.lists(st.sampled_from(TRICKY), max_size=120).map("".join)
any_text = st.one_of(tricky_text, st.text(max_size=200))


# --- chunking of big texts -----------------------------------------------------------------------


@st.composite
def big_texts(draw):
    """Texts of 40 KB – 400 KB built from repeated pieces (cheap to generate, hard to chunk):
    long runs without 。, 4-byte characters, sentences, separators near the budget edge."""
    pieces = draw(st.lists(st.tuples(st.one_of(tricky_text, st.text(min_size=1, max_size=20)), st.integers(1, 20000)),
                           min_size=1, max_size=6))
    text = "".join(p * n for p, n in pieces)
    assume(len(text.encode("utf-8")) > DEFAULT_CHUNK_BYTES)
    return text[:400_000]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(big_texts())
def test_default_chunks_of_big_texts_never_exceed_the_sudachi_limit(text):
    spans = chunk_spans(text)
    pos = 0
    for s, e in spans:
        assert s == pos and e > s
        pos = e
        assert len(text[s:e].encode("utf-8")) <= SUDACHI_MAX_BYTES
    assert pos == len(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["\U00020bb7", "\U0001f600", "あ", "a", "。", "、", " "]), min_size=1, max_size=400).map("".join),
       st.integers(4, 64))
def test_astral_characters_are_never_split_and_chunks_fit(text, budget):
    spans = chunk_spans(text, max_bytes=budget)
    assert "".join(text[s:e] for s, e in spans) == text
    for s, e in spans:
        assert len(text[s:e].encode("utf-8")) <= budget  # a code point is never cut in half (str slicing)


# --- offset maps through Block.norm --------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(any_text, st.data())
def test_block_norm_spans_point_back_to_the_same_original_characters(text, data):
    block = Block(BlockKind.PARAGRAPH, text, Location(file="x"))
    norm = block.norm
    assert norm is block.norm
    if not norm.text:
        return
    a = data.draw(st.integers(0, len(norm.text) - 1))
    b = data.draw(st.integers(a + 1, len(norm.text)))
    s, e = norm.to_original(a, b)
    assert 0 <= s < e <= len(text)
    # the original span normalises to text that contains exactly the requested normalised text
    assert norm.text[a:b] in normalize(text[s:e]).text
    # and a regex match found in the normalised view maps back the same way
    for m in re.finditer(r"[A-Z]+|[ァ-ヶー]+|[一-龯]+", norm.text):
        s, e = norm.to_original(m.start(), m.end())
        assert m.group() in normalize(text[s:e]).text


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_no_original_character_is_lost_by_the_offset_map(text):
    """Every original character is covered by the span of some normalised character, unless it
    normalises to nothing on its own (zero-width characters, a stray combining mark)."""
    norm = Block(BlockKind.PARAGRAPH, text, Location(file="x")).norm
    covered = set()
    for i in range(len(norm.text)):
        s, e = norm.to_original(i, i + 1)
        covered.update(range(s, e))
    for k, ch in enumerate(text):
        if k not in covered:
            if normalize(ch).text == "":
                continue
            raise AssertionError((k, ch))


def test_a_voiced_mark_after_a_zero_width_space_is_kept():
    assert normalize("か\u200b\u3099").text in ("が", "か\u3099")


# --- mapper and lint rules never raise ------------------------------------------------------------

CYBER = ["当社は", "情報セキュリティ", "委員会を設置", "サイバー攻撃", "ランサムウェア", "対策を講じていない", "導入を検討",
         "取締役会", "CSIRT", "ＥＤＲ", "年1回", "訓練", "委託先", "インシデント", "復旧", "。", "、", "\n", "（注）", "①"]
mapper_text = st.one_of(
    st.lists(st.one_of(st.sampled_from(CYBER), st.sampled_from(TRICKY)), max_size=60).map("".join),
    st.text(max_size=300),
)


@pytest.fixture(scope="module")
def mapper():
    from disclint.mapper import Mapper

    return Mapper()


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(mapper_text, st.one_of(st.just(""), mapper_text)), min_size=1, max_size=4))
def test_mapper_analyse_never_raises(mapper, items):
    results = mapper.analyse(items)
    assert len(results) == len(items)
    for r in results:
        for d in r.directives:
            assert 0.0 <= r.scores[d] <= 1.0


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(list(BlockKind)), mapper_text), min_size=1, max_size=8))
def test_lint_rules_never_raise_and_findings_point_into_the_document(mapper, blocks):
    from disclint.lint import lint

    heading = ()
    doc_blocks = []
    for i, (kind, text) in enumerate(blocks):
        if kind == BlockKind.HEADING:
            heading = (text,)
        doc_blocks.append(Block(kind, text, Location(file="p.txt", line=i + 1, section=heading), level=1 if kind == BlockKind.HEADING else None))
    doc = Document("p.txt", "text", doc_blocks, {}, [])
    result = lint(doc, lang="ja", mapper=mapper)
    for f in result.findings:
        assert f.rule and f.message
        assert f.location is None or f.location.file == "p.txt"


# --- text reader: decoding round trip -------------------------------------------------------------

from disclint.readers.encoding import decode_bytes  # noqa: E402

no_nul = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), min_size=1, max_size=300)


@settings(max_examples=300, deadline=None)
@given(no_nul, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_utf8_and_bom_encodings_round_trip_any_text(text, codec):
    data = text.encode(codec)
    decoded, used = decode_bytes(data)
    assert decoded == text
    assert used.replace("-sig", "").split("-")[0] == codec.replace("-sig", "").split("-")[0]


japanese_line = st.lists(st.sampled_from(list("あいうえおかきくけこ漢字情報当社管理体制カタカナ、。ー・「」（）")), min_size=6, max_size=80).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(japanese_line, min_size=1, max_size=8), st.sampled_from(["cp932", "euc_jp", "utf-8", "utf-16", "utf-16-le", "utf-16-be"]))
def test_japanese_text_round_trips_in_every_supported_encoding(lines, codec):
    # BOM-less UTF-16 is recognised by the NUL bytes of its ASCII characters: a file with none at
    # all (no line break even) is ambiguous — 「ああ」 in UTF-16LE is also the ASCII "B0B0".
    # Real files end with a line break, so the text does here.
    text = "\n".join(lines) + "\n"
    decoded, used = decode_bytes(text.encode(codec))
    assert decoded == text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(japanese_line, min_size=1, max_size=6), st.sampled_from(["cp932", "utf-8", "utf-16"]),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_text_reader_keeps_every_character(tmp_path_factory, lines, codec, eol):
    """Whatever the encoding and line endings, the blocks hold the file's characters (paragraph
    and line breaks aside): nothing is lost or invented by decoding and joining."""
    from disclint.readers import read

    path = tmp_path_factory.mktemp("rt") / "doc.txt"
    text = (eol * 2).join(lines)
    path.write_bytes(text.encode(codec))
    doc = read(path)
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert squash("".join(b.text for b in doc.blocks)) == squash(text)
