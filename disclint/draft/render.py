"""Render a draft: profile + document type + directives -> blocks (headings, paragraphs, lists, tables).

Templates (Jinja2, sandboxed, ``StrictUndefined``) are looked up per section, the most
specific name first, each name in the user's ``--templates`` directory before ours:

1. ``<doc_type>/dNN.md.j2``  then ``common/dNN.md.j2``  (one section per directive)
2. ``<doc_type>/_intro.md.j2`` then ``common/_intro.md.j2`` (title and lead paragraphs) and
   ``<doc_type>/_outro.md.j2`` then ``common/_outro.md.j2`` (closing paragraphs)

A section template writes a small markdown subset: ``# 見出し`` (the section heading,
first line), ``## 小見出し``, ``- 箇条書き``, ``| 表 | … |`` rows, and paragraphs
separated by blank lines (lines of one paragraph are joined without spaces). The text is
written in である調; the document type's tone rewrites sentence endings (tone.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..guideline import directive_ids, load_guideline
from ..model.errors import DisclintError
from ..resources import data_dir
from .doctypes import DOC_TYPES, DocType, section_number
from .formats import f_adv, f_date, f_join, f_num, f_pct, f_quote, fiscal_label, placeholder
from .measures import measure_directive, measure_views, unsaid_plans
from .profile import MEASURES, Fact, Profile
from .tone import apply_tone

if TYPE_CHECKING:
    from .assessed import AssessedStates

INSERT_HEADING = "追加案（disclint による下書き）"
PLACEHOLDER_RE = re.compile(r"【要記入: [^】]*】")


class DraftError(DisclintError):
    """A template cannot be found, parsed or rendered (one line, with the template name)."""


#: terms explained at their first use in a draft (our own short notes); the first use of
#: each gets its note in brackets, either where a template calls ``term("EDR")`` or, for the
#: terms no template explained, by :func:`explain_terms` after rendering
GLOSSARY = {
    "CISO": "Chief Information Security Officer：最高情報セキュリティ責任者",
    "CSIRT": "Computer Security Incident Response Team：インシデント対応チーム",
    "SOC": "Security Operation Center：セキュリティ監視センター",
    "EDR": "Endpoint Detection and Response：端末の不審な挙動を検知し対応する仕組み",
    "XDR": "Extended Detection and Response：端末やネットワークをまたいで検知し対応する仕組み",
    "SIEM": "Security Information and Event Management：ログを集めて分析する仕組み",
    "ISMS": "情報セキュリティマネジメントシステム",
    "TLPT": "Threat-Led Penetration Testing：脅威ベースのペネトレーションテスト",
    "BCP": "事業継続計画",
    "IT-BCP": "情報システムの事業継続計画",
    "ISAC": "Information Sharing and Analysis Center：業界ごとの情報共有組織",
    "JPCERT/CC": "一般社団法人JPCERTコーディネーションセンター",
    "NISC": "内閣サイバーセキュリティセンター",
    "IPA": "情報処理推進機構",
    "CSF": "Cybersecurity Framework：サイバーセキュリティフレームワーク",
    "MFA": "多要素認証",
    "RTO": "目標復旧時間",
    "RPO": "目標復旧時点",
    "KPI": "重要業績評価指標",
}


def _term_re(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z0-9])")


_TERM_RES = {t: _term_re(t) for t in GLOSSARY}


# ----------------------------------------------------------------------------- model
@dataclass
class Block:
    kind: str  # heading / paragraph / bullet / table
    text: str = ""
    level: int = 0  # headings: 1 = document title
    rows: tuple[tuple[str, ...], ...] = ()
    directive: int | None = None  # the section it belongs to (None: title, intro, pillar)


@dataclass
class Draft:
    doc_type: DocType
    directives: list[int]
    blocks: list[Block] = field(default_factory=list)
    missing_mode: bool = False

    def headings_path(self) -> list[list[str]]:
        """For each block, the heading texts above it (outermost first; a heading includes itself)."""
        stack: list[tuple[int, str]] = []
        out = []
        for b in self.blocks:
            if b.kind == "heading":
                while stack and stack[-1][0] >= b.level:
                    stack.pop()
                stack.append((b.level, b.text))
            out.append([t for _, t in stack])
        return out

    def passages(self, directive: int | None = None) -> list[tuple[str, str]]:
        """(text, context) pairs as the mapper sees them: table cells one by one, headings as context."""
        out = []
        for b, path in zip(self.blocks, self.headings_path(), strict=False):
            if b.kind == "heading" or (directive is not None and b.directive != directive):
                continue
            ctx = " ".join(path)
            if b.kind == "table":
                out.extend((cell, ctx) for row in b.rows for cell in row if cell)
            else:
                out.append((b.text, ctx))
        return out

    def text(self) -> str:
        parts = []
        for b in self.blocks:
            parts.append(b.text if b.kind != "table" else "\n".join("".join(r) for r in b.rows))
        return "\n".join(parts)

    def placeholders(self) -> list[str]:
        return PLACEHOLDER_RE.findall(self.text())

    def questions(self) -> list[str]:
        """The 【要確認: …】 questions: measures the profile leaves unknown."""
        return QUESTION_RE.findall(self.text())


# ----------------------------------------------------------------------------- markdown subset
_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def parse_section(text: str, base_level: int, directive: int | None, tone: str) -> list[Block]:
    """Markdown subset -> blocks; ``#`` is ``base_level``, ``##`` one deeper, …"""
    blocks: list[Block] = []
    para: list[str] = []
    table: list[tuple[str, ...]] = []

    def flush() -> None:
        if para:
            blocks.append(Block("paragraph", apply_tone("".join(para), tone), directive=directive))
            para.clear()
        if table:
            blocks.append(Block("table", rows=tuple(table), directive=directive))
            table.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("|"):
            if para:
                flush()
            if not _RULE.match(line):
                table.append(tuple(c.strip() for c in line.strip("|").split("|")))
            continue
        if table:
            flush()
        if not line:
            flush()
            continue
        m = _HEADING.match(line)
        if m:
            flush()
            blocks.append(Block("heading", m.group(2), base_level + len(m.group(1)) - 1, directive=directive))
        elif line.startswith("- "):
            flush()
            blocks.append(Block("bullet", apply_tone(line[2:].strip(), tone), directive=directive))
        else:
            para.append(line)
    flush()
    return blocks


# ----------------------------------------------------------------------------- environment
def template_dirs(user_dir: str | Path | None = None) -> list[Path]:
    dirs = []
    if user_dir:
        dirs.append(Path(user_dir))
    dirs.append(data_dir("templates"))
    return dirs


# Limits of the template sandbox (user templates come from --templates): Jinja2's sandbox
# blocks attribute escapes but not resource use — {{'x'*3000000000}} took 11.7 GB, nested
# range(100000) loops never ended, a recursive macro or include was a RecursionError traceback.
MAX_TEMPLATE_OUTPUT = 2_000_000  # characters one template may render
MAX_TEMPLATE_ITEMS = 1_000_000  # size of a sequence/string made by * or a padding argument
MAX_TEMPLATE_ITERATIONS = 2_000_000  # range() items over one whole draft
MAX_TEMPLATE_POWER = 1_000  # exponent of **


def _limit_error(what: str) -> Exception:
    from jinja2.exceptions import SecurityError

    return SecurityError(f"template limit exceeded: {what}")


def _sized(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _int_arg(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _CountedRange:
    """``range`` for templates: Jinja2's ``safe_range`` (≤ 100,000 items) whose iterations
    count against the draft's budget, so nested loops end."""

    def __init__(self, env: Any, *args: int) -> None:
        from jinja2.sandbox import safe_range

        self.env, self.range = env, safe_range(*args)

    def __len__(self) -> int:
        return len(self.range)

    def __iter__(self):
        for x in self.range:
            self.env.iterations += 1
            if self.env.iterations > MAX_TEMPLATE_ITERATIONS:
                raise _limit_error(f"more than {MAX_TEMPLATE_ITERATIONS:,} loop iterations")
            yield x


def _limited_filter(func: Any) -> Any:
    skip = 2 if hasattr(func, "jinja_pass_arg") else 1  # (context,) value: not a width

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        extra = list(args[skip:]) + list(kwargs.values())
        if any(_int_arg(a) and abs(a) > MAX_TEMPLATE_ITEMS for a in extra):
            raise _limit_error(f"a width or count over {MAX_TEMPLATE_ITEMS:,}")
        return func(*args, **kwargs)

    for attr in ("jinja_pass_arg",):  # keep @pass_context / @pass_environment markers
        if hasattr(func, attr):
            setattr(wrapper, attr, getattr(func, attr))
    return wrapper


def _limited_env_class():
    from jinja2.sandbox import SandboxedEnvironment

    class LimitedSandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    size = _sized(seq)
                    if size is not None and _int_arg(n) and size * n > MAX_TEMPLATE_ITEMS:
                        raise _limit_error(f"a sequence of more than {MAX_TEMPLATE_ITEMS:,} items")
            elif operator == "**" and _int_arg(right) and abs(right) > MAX_TEMPLATE_POWER:
                raise _limit_error(f"an exponent over {MAX_TEMPLATE_POWER}")
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            owner = getattr(__obj, "__self__", None)
            if isinstance(owner, (str, bytes, list)) and any(
                _int_arg(a) and abs(a) > MAX_TEMPLATE_ITEMS for a in (*args, *kwargs.values())
            ):
                raise _limit_error(f"a width or count over {MAX_TEMPLATE_ITEMS:,}")  # 'x'.ljust(10**9)
            return super().call(__context, __obj, *args, **kwargs)

    return LimitedSandbox


_COMPILED: dict[str, bytes] = {}  # template key -> compiled bytecode, shared by every draft of the process


def _bytecode_cache():
    """Compiled templates kept in memory across drafts: each draft gets a fresh environment (its
    loop counter), but compiling the templates was 95 % of a draft's time. Jinja checks the
    source's checksum on every load, so a changed (user) template is compiled again."""
    from jinja2 import BytecodeCache

    class MemoryBytecodeCache(BytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            if bucket.key in _COMPILED:
                bucket.bytecode_from_string(_COMPILED[bucket.key])

        def dump_bytecode(self, bucket: Any) -> None:
            _COMPILED[bucket.key] = bucket.bytecode_to_string()

    return MemoryBytecodeCache()


def make_env(user_dir: str | Path | None = None):
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined

    if user_dir is not None and not Path(user_dir).is_dir():
        raise DraftError("draft.templates_not_dir", path=str(user_dir))
    loader = ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs(user_dir)])
    env = _limited_env_class()(
        loader=loader,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters = {k: _limited_filter(f) for k, f in env.filters.items()}  # center(10**9), indent …
    env.filters.update(num=f_num, pct=f_pct, date=f_date, join=f_join, quote=f_quote, adv=f_adv)
    env.iterations = 0
    env.globals.update(ph=placeholder, range=lambda *a: _CountedRange(env, *a))
    return env


class _Helpers:
    """Per-draft helpers: deterministic variants and first-use explanations of terms."""

    def __init__(self, seed: str) -> None:
        self.seed = seed
        self.seen: set[str] = set()

    def choose(self, key: str, n: int) -> int:
        digest = hashlib.sha256(f"{self.seed}\x1f{key}".encode()).digest()
        return int.from_bytes(digest[:4], "big") % max(1, int(n))

    def pick(self, key: str, *options: str) -> str:
        return options[self.choose(key, len(options))] if options else ""

    def term(self, name: str) -> str:
        if name in self.seen or name not in GLOSSARY:
            return name
        self.seen.add(name)
        return f"{name}（{GLOSSARY[name]}）"

    def explain(self, text: str) -> str:
        """Give each glossary term not yet explained its note at its first use in ``text``."""
        for name, rx in _TERM_RES.items():
            if name in self.seen:
                continue
            m = next((m for m in rx.finditer(text) if not _inside_brackets(text, m.start())), None)
            if not m:
                continue
            self.seen.add(name)
            if re.match(r"\s*[（(:：]", text[m.end() :]) or re.search(r"[（(][A-Za-z\-]*$", text[: m.start()]):
                continue  # already explained where it stands: 「EDR（…）」, 「事業継続計画（IT-BCP）」
            text = text[: m.end()] + f"（{GLOSSARY[name]}）" + text[m.end() :]
        return text


def _inside_brackets(text: str, pos: int) -> bool:
    """Inside a placeholder or question 【…】 (which must stay short for the lint rule)."""
    return text.rfind("【", 0, pos) > text.rfind("】", 0, pos)


def explain_terms(blocks: list[Block], helpers: _Helpers) -> None:
    for b in blocks:
        if b.kind in ("paragraph", "bullet"):
            b.text = helpers.explain(b.text)
        elif b.kind == "table":
            b.rows = tuple(tuple(helpers.explain(c) for c in row) for row in b.rows)


QUESTION_RE = re.compile(r"【要確認: [^】]*】")


def _context(
    profile: Profile, dt: DocType, helpers: _Helpers, missing_mode: bool, assessed: AssessedStates | None = None
) -> dict[str, Any]:
    p = profile.facts()
    group = profile.data["company"]["group"]
    fy = profile.data["fiscal_year"]
    if dt.yuho:
        co = "当社グループ" if group is not False else "当社"
        period = "当連結会計年度" if group is not False else "当事業年度"
    else:
        co = "当社グループ" if group else "当社"
        label = fiscal_label(fy["start"], fy["end"], profile.calendar)
        period = label or placeholder("対象の事業年度")
    fy_label = fiscal_label(fy["start"], fy["end"], profile.calendar)
    return {
        "p": p,
        "ms": measure_views(profile, co, assessed),
        "doc": dt.to_template(),
        "co": co,  # how the company refers to itself
        "period": period,  # 「当連結会計年度」 or 「2024年度」
        "asof": f"{period}末現在" if dt.yuho else f"{period}末時点",
        "fy": fy_label or placeholder("対象の事業年度"),
        "fy_known": fy_label is not None,  # headings never carry a placeholder (lint does not check headings)
        "company": Fact(profile.data["company"]["name"], "会社名", "str", "company.name"),
        "missing_mode": missing_mode,
        # 「…を経営上の重要なリスクの一つと認識している」: unless a self-assessment puts that item at 0-1
        "risk_recognised": assessed is None or assessed.risk_recognised,
        "choose": helpers.choose,
        "pick": helpers.pick,
        "term": helpers.term,
    }


def _render(env, names: list[str], ctx: dict[str, Any]) -> tuple[str, str]:
    from jinja2 import TemplateError, TemplateNotFound, TemplatesNotFound, TemplateSyntaxError

    try:
        tpl = env.select_template(names)
    except (TemplateNotFound, TemplatesNotFound):
        raise DraftError("draft.template_missing", name=" / ".join(names)) from None
    except TemplateSyntaxError as exc:
        raise DraftError(
            "draft.template_error", name=exc.name or names[0], line=exc.lineno, reason=exc.message
        ) from None
    try:
        out: list[str] = []
        size = 0
        for chunk in tpl.generate(ctx):  # stop once the output is too large, not after
            size += len(chunk)
            if size > MAX_TEMPLATE_OUTPUT:
                raise _limit_error(f"more than {MAX_TEMPLATE_OUTPUT:,} characters of output")
            out.append(chunk)
        return tpl.name or names[0], "".join(out)
    except RecursionError:  # a macro or include that calls itself
        raise DraftError(
            "draft.template_error",
            name=tpl.name,
            line="?",
            reason="recursion too deep (a macro or include that calls itself?)",
        ) from None
    except MemoryError:
        raise DraftError("draft.template_error", name=tpl.name, line="?", reason="MemoryError") from None
    except TemplateError as exc:
        line = _template_line(exc, tpl.filename)
        raise DraftError(
            "draft.template_error", name=tpl.name, line=line, reason=str(exc).splitlines()[0][:200]
        ) from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError, OverflowError) as exc:
        line = _template_line(exc, tpl.filename)
        raise DraftError(
            "draft.template_error", name=tpl.name, line=line, reason=f"{type(exc).__name__}: {exc}"[:200]
        ) from None


def _template_line(exc: BaseException, filename: str | None) -> str:
    tb = exc.__traceback__
    line = "?"
    while tb is not None:
        if filename and tb.tb_frame.f_code.co_filename == filename:
            line = str(tb.tb_lineno)
        tb = tb.tb_next
    return line


def _sections(
    env, dt: DocType, chosen: list[int], ctx: dict[str, Any], helpers: _Helpers, level: int
) -> list[list[Block]]:
    """The directive sections in document order (under their pillar headings, numbered as the
    type numbers them). A section with nothing to say (every measure *no*) is left out, and so
    is a pillar with no section left."""
    out: list[list[Block]] = []
    pillar_no = 0
    for group, ds in dt.order(chosen):
        inner = level if group is None else level + 1
        sections: list[list[Block]] = []
        for d in ds:
            _, text = _render(env, [f"{dt.id}/d{d:02d}.md.j2", f"common/d{d:02d}.md.j2"], dict(ctx, directive=d))
            text += "\n\n" + unsaid_plans(ctx["ms"], d, text, ctx["co"])
            blocks = parse_section(text, inner, d, dt.tone)
            if not any(b.kind != "heading" for b in blocks):
                continue
            explain_terms(blocks, helpers)
            if blocks[0].kind != "heading":
                blocks.insert(0, Block("heading", load_guideline().directives[d].short, inner, directive=d))
            blocks[0].text = section_number(dt.section_numbers, len(sections)) + blocks[0].text
            sections.append(blocks)
        if not sections:
            continue
        if group is not None:
            pillar_no += 1
            prefix = f"({pillar_no}) " if dt.group_numbers == "paren" else ""
            out.append([Block("heading", prefix + group, level)])
        out.extend(sections)
    return out


def seed_for(profile: Profile, variant: int | None) -> str:
    return f"{profile.company_name}#{variant or 0}"


def render_draft(
    profile: Profile,
    doc_type: str,
    directives: Iterable[int] | None = None,
    *,
    templates: str | Path | None = None,
    variant: int | None = None,
    missing_mode: bool = False,
    assessed: AssessedStates | None = None,
) -> Draft:
    """Draft the sections for ``directives`` (default all ten) in the style of ``doc_type``.

    ``missing_mode``: the draft adds to an existing document (``--missing-from``): the title
    becomes :data:`INSERT_HEADING` and the intro leaves out its lead paragraphs.
    ``assessed``: measure states from a self-assessment (``draft --assessment``), which replace
    the profile's; its silent directives (every item at level 1 or below) are left out.
    """
    dt = DOC_TYPES[doc_type]
    chosen = sorted(set(directives or directive_ids()))
    if assessed is not None:
        chosen = [d for d in chosen if d not in assessed.silent]
    env = make_env(templates)
    helpers = _Helpers(seed_for(profile, variant))
    ctx = _context(profile, dt, helpers, missing_mode, assessed)
    ctx["stated"] = any(getattr(ctx["ms"], m.name).yes for m in MEASURES if measure_directive(m) in chosen)
    draft = Draft(dt, chosen, missing_mode=missing_mode)

    _, intro = _render(env, [f"{dt.id}/_intro.md.j2", "common/_intro.md.j2"], ctx)
    intro_blocks = parse_section(intro, 1, None, dt.tone)
    explain_terms(intro_blocks, helpers)
    if missing_mode:
        intro_blocks = [b for b in intro_blocks if b.kind == "heading"]
        if intro_blocks and intro_blocks[0].level == 1:
            intro_blocks[0] = Block("heading", INSERT_HEADING, 1)
        else:
            intro_blocks.insert(0, Block("heading", INSERT_HEADING, 1))
    draft.blocks.extend(intro_blocks)
    base = max((b.level for b in intro_blocks if b.kind == "heading"), default=1) + 1

    for gi_group in _sections(env, dt, chosen, ctx, helpers, level=base):
        draft.blocks.extend(gi_group)
    if not missing_mode:
        _, outro = _render(env, [f"{dt.id}/_outro.md.j2", "common/_outro.md.j2"], ctx)
        outro_blocks = [b for b in parse_section(outro, base, None, dt.tone) if b.kind != "heading"]
        explain_terms(outro_blocks, helpers)
        draft.blocks.extend(outro_blocks)
    return draft
