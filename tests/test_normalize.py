from hypothesis import given
from hypothesis import strategies as st

from disclint.model.document import Block, BlockKind, Location
from disclint.text.normalize import normalize


def test_fullwidth_and_halfwidth_kana_are_folded():
    n = normalize("ＩＳＯ／ＩＥＣ２７００１ とｶﾞｲﾄﾞﾗｲﾝ")
    assert n.text == "ISO/IEC27001 とガイドライン"


def test_meaningful_symbols_are_kept():
    n = normalize("①方針 ②体制 ～2025年 ㈱みなと… (ⅰ)")
    assert n.text == "①方針 ②体制 ～2025年 ㈱みなと… (ⅰ)"


def test_radicals_from_broken_pdf_fonts_become_kanji():
    # U+2F47 KANGXI RADICAL SUN and U+2E8C CJK RADICAL SMALL ONE look like 日 and 小
    assert normalize("\u2f47本の\u2e8c会社").text == "日本の小会社"


def test_offsets_point_back_to_original_characters():
    original = "当社はＣＳＩＲＴを設置"
    n = normalize(original)
    start = n.text.index("CSIRT")
    s, e = n.to_original(start, start + len("CSIRT"))
    assert original[s:e] == "ＣＳＩＲＴ"


def test_halfwidth_voiced_kana_maps_to_both_original_characters():
    original = "ﾃﾞｰﾀ保護"
    n = normalize(original)
    assert n.text == "データ保護"
    assert original[slice(*n.to_original(0, 1))] == "ﾃﾞ"


def test_nfd_kana_and_zero_width_characters():
    original = "か\u3099いしゃ\u200bの方針"
    n = normalize(original)
    assert n.text == "がいしゃの方針"
    assert original[slice(*n.to_original(0, 1))] == "か\u3099"


def test_block_norm_is_cached_view_of_text():
    b = Block(BlockKind.PARAGRAPH, "ＥＤＲを導入", Location(file="x"))
    assert b.norm.text == "EDRを導入"
    assert b.norm is b.norm


@given(st.text())
def test_offset_map_is_monotonic_and_in_range(text):
    n = normalize(text)
    assert len(n.starts) == len(n.text) == len(n.ends)
    prev = 0
    for s, e in zip(n.starts, n.ends):
        assert 0 <= s < e <= len(text)
        assert s >= prev
        prev = s


@given(st.text(), st.data())
def test_any_span_maps_to_a_span_of_the_original(text, data):
    n = normalize(text)
    if not n.text:
        return
    a = data.draw(st.integers(0, len(n.text) - 1))
    b = data.draw(st.integers(a + 1, len(n.text)))
    s, e = n.to_original(a, b)
    assert 0 <= s < e <= len(text)
    # normalising the mapped original span reproduces at least the requested text
    assert n.text[a:b] in normalize(text[s:e]).text


@given(st.text())
def test_fast_path_equals_the_cluster_by_cluster_path(text):
    from disclint.text.normalize import _normalize_slow

    fast, slow = normalize(text), _normalize_slow(text)
    assert fast.text == slow.text
    assert list(fast.starts) == list(slow.starts) and list(fast.ends) == list(slow.ends)
