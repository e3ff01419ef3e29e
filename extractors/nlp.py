"""The spaCy pipeline Diarium extracts with.

Without a trained Swedish pipeline (none can be installed here), the pipeline is
``spacy.blank("sv")`` with a lookup lemmatizer (tables from spacy-lookups-data, loaded when
the lemmatizer first runs: `LazyLookupLemmatizer`) and rule components:

* ``committee_ruler`` (span_ruler, ``doc.spans["committees"]``): every surface form of every
  body in ``data/bodies.json`` as a phrase on LOWER, plus abbreviations as upper-case
  standalone tokens (``committee_abbreviation_ruler``, phrases on ORTH,
  ``doc.spans["committee_abbreviations"]``).
  Span label = canonical name; span id = "gazetteer" or "abbreviation".
* ``place_ruler`` (span_ruler, ``doc.spans["places"]``): the names in ``data/places.txt``.
* ``diarium_case_numbers`` (``doc.spans["case_numbers"]``): the regexes of
  `extractors.diarienummer` over ``doc.text``; label = rule, kb_id = normalized form. The exact
  matches are in ``doc.user_data["diarium.case_numbers"]``.
* ``diarium_dates`` (``doc.spans["dates"]``): the regexes of `extractors.dates`; the raw
  matches (year maybe unresolved) are in ``doc.user_data["diarium.dates"]``.

With a trained pipeline (``build_pipeline("sv_core_news_sm")`` when that package is installed,
or the path of a saved pipeline directory; ``DIARIUM_SPACY_MODEL`` names it for the default
extractor) the same rule components are added before "ner", and ``diarium_entities`` writes
their case numbers (label ``DIARIENUMMER``) and committees (label ``NÄMND``) into ``doc.ents``
first: spaCy's entity recognizer keeps preset entities and only labels the tokens around them,
so the rules win on case numbers and committees.

Measured pitfall: ``nlp.initialize()`` drops span_ruler patterns added before it, so patterns
are added after initialization.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, filter_spans

from extractors import committees, lowercase
from extractors.dates import raw_date_matches, without_overlaps
from extractors.diarienummer import find_case_numbers

log = logging.getLogger(__name__)

MAX_LENGTH = 2_500_000

CASE_NUMBERS_KEY = "diarium.case_numbers"
#: The document text, when the caller already has it: ``Doc.text`` rebuilds it from the tokens
#: on every access, which costs more than the regexes themselves.
TEXT_KEY = "diarium.text"
DATES_KEY = "diarium.dates"
#: The raw dates without the case-number exclusion of `DATES_KEY` (the head's meeting date reads
#: them instead of searching the head again).
ALL_DATES_KEY = "diarium.all_dates"

#: Extra infixes for converted PDFs and Markdown: "1.Stadsbyggnadsnämnden" (a numbered list
#: item without a space) and bold markers glued to words ("TN-2019-3825****Sammanfattning").
EXTRA_INFIXES = (r"(?<=[0-9])\.(?=[A-ZÅÄÖa-zåäö])", r"\*+")


def _text(doc: Doc) -> str:
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


#: Chunks the tokenizer may cache (spaCy's default is 10,000, fewer than a year of documents).
TOKENIZER_CACHE = 250_000
_WARM_CHUNKS: dict[int, set[str]] = {}


def _warm_tokenizer(nlp: Language, text: str) -> None:
    """Tokenize each unseen whitespace-separated chunk of `text` on its own, once.

    spaCy's tokenizer stops caching a call's chunks after the first special case it meets (the
    guard for spaCy issue #1250 is a flag per call), so a long document is re-tokenized word by
    word on every run. A chunk tokenized alone is cached like any other and the document's own
    call then reads it from the cache. Measured on the corpus: tokenization 60,000 -> 900,000
    words/s once warm; the first pass over unseen words costs about 30 microseconds per chunk.
    """
    tokenizer: Any = nlp.tokenizer
    seen = _WARM_CHUNKS.setdefault(id(nlp), set())
    if len(seen) >= tokenizer.max_cache_size:
        return
    chunks = text.split()
    if seen.issuperset(chunks):
        return  # a text read before (no set of its chunks to build and subtract)
    new = set(chunks) - seen
    for chunk in new:
        tokenizer(chunk)
    seen |= new


def run(nlp: Language, text: str, disable: tuple[str, ...] = ()) -> Doc:
    """``nlp(text)`` that hands the text to the rule components (see `TEXT_KEY`).

    The tokenizer sees line breaks as spaces (same length, so every span stays valid): names
    broken over two lines by a PDF ("nämnden för Tekniks\narbetsutskott") are one phrase, while
    a blank line still separates (two spaces leave a whitespace token between the words). The
    rule components read the original text.
    """
    # The rules lower the whole text several times (case numbers, dates, bodies): once here.
    lowercase.remember(text)
    if len(text) > nlp.max_length:
        return _run_in_sections(nlp, text, disable)
    _warm_tokenizer(nlp, text)
    doc = nlp.make_doc(text.replace("\n", " "))
    doc.user_data[TEXT_KEY] = text
    for name, proc in nlp.pipeline:
        if name not in disable:
            doc = proc(doc)
    return doc


#: Components that read the whole text by regex (and those after them): run once over the
#: joined document, so that offsets are the text's own and nothing is cut at a seam.
_WHOLE_TEXT_COMPONENTS = ("diarium_case_numbers", "diarium_dates", "diarium_entities")


def _run_in_sections(nlp: Language, text: str, disable: tuple[str, ...]) -> Doc:
    """A text longer than `nlp.max_length` (a 900-page annual report) read whole: the
    token components (the phrase rulers) run section by section, cut at paragraph breaks,
    and the sections are joined into one Doc whose text, offsets and span groups are those
    of the whole text; the regex components then run once over it. spaCy's limit guards
    the memory of a parser or tagger on one Doc; the rulers need no such guard, and a
    trained component after the rules runs on the joined Doc (its memory grows with the
    text, as for any long document)."""
    pipeline = [name for name, _ in nlp.pipeline if name not in disable]
    first_whole = next(
        (i for i, name in enumerate(pipeline) if name in _WHOLE_TEXT_COMPONENTS), len(pipeline)
    )
    per_section = pipeline[:first_whole]
    docs = []
    for start, end in _sections(text, nlp.max_length):
        section = text[start:end]
        _warm_tokenizer(nlp, section)
        doc = nlp.make_doc(section.replace("\n", " "))
        doc.user_data[TEXT_KEY] = section
        for name in per_section:
            doc = nlp.get_pipe(name)(doc)
        doc.user_data.clear()  # per-section data; the whole text's is set below
        docs.append(doc)
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    joined.user_data[TEXT_KEY] = text
    for name in pipeline[first_whole:]:
        joined = nlp.get_pipe(name)(joined)
    return joined


def _sections(text: str, limit: int) -> list[tuple[int, int]]:
    r"""Consecutive [start, end) ranges of at most `limit` characters covering `text`, cut
    after a blank line where there is one, else after a line break or a space.

    >>> _sections("a b\n\nc d\ne f", 5)
    [(0, 5), (5, 9), (9, 12)]
    """
    sections = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        for separator in ("\n\n", "\n", " "):
            cut = text.rfind(separator, start + 1, end)
            if cut != -1:
                end = cut + len(separator)
                break
        sections.append((start, end))
        start = end
    sections.append((start, len(text)))
    return sections


class LazyLookupLemmatizer(Lemmatizer):
    """spaCy's lookup lemmatizer, whose table (660,000 Swedish forms from
    spacy-lookups-data) is loaded when the component first runs, not when the pipeline is
    built: loading it takes about two seconds and 250 MB, and extraction runs with the
    lemmatizer disabled, so every reader process paid both for nothing.

    >>> nlp = build_pipeline()
    >>> [t.lemma_ for t in nlp("nämnderna beslutade")]
    ['nämnd', 'besluta']
    """

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, lookups: Any = None) -> None:
        if lookups is not None:  # tables given: nothing to defer
            super().initialize(get_examples, nlp=nlp, lookups=lookups)

    def _load(self) -> None:
        if not self._validated:
            super().initialize()

    def __call__(self, doc: Doc) -> Doc:
        self._load()
        return super().__call__(doc)

    def to_bytes(self, **kwargs: Any) -> bytes:
        self._load()
        return super().to_bytes(**kwargs)

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        self._load()
        super().to_disk(path, **kwargs)


@Language.factory(
    "diarium_lookup_lemmatizer",
    assigns=["token.lemma"],
    default_config={"mode": "lookup", "overwrite": False},
)
def make_lazy_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> Lemmatizer:
    return LazyLookupLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)


@Language.component("diarium_case_numbers")
def case_numbers_component(doc: Doc) -> Doc:
    """Case numbers by regex (token patterns are slow and fragile on "STK-2023-137")."""
    matches = list(find_case_numbers(_text(doc)))
    doc.user_data[CASE_NUMBERS_KEY] = matches
    spans = []
    for m in matches:
        span = doc.char_span(
            m.start, m.end, label=m.rule, kb_id=m.normalized, alignment_mode="expand"
        )
        if span is not None:
            spans.append(span)
    doc.spans["case_numbers"] = spans
    return doc


@Language.component("diarium_dates")
def dates_component(doc: Doc) -> Doc:
    """Date expressions by regex; never inside a case number."""
    text = _text(doc)
    cases = doc.user_data.get(CASE_NUMBERS_KEY)
    if cases is None:
        cases = list(find_case_numbers(text))
    found = raw_date_matches(text)
    raw = without_overlaps(found, exclude=[(c.start, c.end) for c in cases])
    doc.user_data[DATES_KEY] = raw
    doc.user_data[ALL_DATES_KEY] = without_overlaps(found)
    spans = []
    for r in raw:
        span = doc.char_span(r.start, r.end, label=r.kind, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans["dates"] = spans
    return doc


@Language.component("diarium_entities")
def entities_component(doc: Doc) -> Doc:
    """Case numbers and committees as preset entities, so a statistical "ner" after this
    component labels only the tokens around them."""
    spans = [
        Span(doc, s.start, s.end, label="DIARIENUMMER") for s in doc.spans.get("case_numbers", [])
    ]
    spans += [
        Span(doc, s.start, s.end, label="NÄMND")
        for key in ("committees", "committee_abbreviations")
        for s in doc.spans.get(key, [])
    ]
    doc.ents = filter_spans(spans)
    return doc


def _place_names() -> list[str]:
    text = resources.files("extractors").joinpath("data/places.txt").read_text(encoding="utf-8")
    names = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and line not in names:
            names.append(line)
    return names


def place_names() -> list[str]:
    return list(_cached_place_names())


@lru_cache(maxsize=1)
def _cached_place_names() -> tuple[str, ...]:
    return tuple(_place_names())


def _customize_tokenizer(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes or []) + list(EXTRA_INFIXES)
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _add_span_ruler(
    nlp: Language,
    name: str,
    spans_key: str,
    patterns: list[dict[str, Any]],
    *,
    before: str | None,
    attr: str | None = None,
) -> None:
    """A phrase `span_ruler` writing the longest match into its own span group.

    Patterns go in after the pipe is added, which is after `initialize` (see the module
    docstring): added earlier, they would be silently dropped.
    """
    config: dict[str, Any] = {
        "spans_key": spans_key,
        "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
        "overwrite": True,
    }
    if attr:
        config["phrase_matcher_attr"] = attr
    ruler = nlp.add_pipe("span_ruler", name=name, before=before, config=config)
    # Phrases on ORTH or LOWER need only the tokenizer: the components before the ruler
    # (the lemmatizer, a trained tagger) would otherwise run over every pattern.
    earlier = nlp.pipe_names[: nlp.pipe_names.index(name)]
    with nlp.select_pipes(disable=earlier):
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]


def _add_rule_components(nlp: Language) -> None:
    before = "ner" if "ner" in nlp.pipe_names else None
    _add_span_ruler(
        nlp,
        "committee_ruler",
        "committees",
        committees.phrase_patterns(),
        before=before,
        attr="LOWER",
    )
    # Abbreviations: a second ruler on ORTH (case-sensitive phrases; far faster than token
    # patterns) into its own span group (a second ruler with overwrite=False and a filter
    # duplicates the spans already in the group).
    _add_span_ruler(
        nlp,
        "committee_abbreviation_ruler",
        "committee_abbreviations",
        committees.abbreviation_patterns(),
        before=before,
        attr="ORTH",
    )
    _add_span_ruler(
        nlp,
        "place_ruler",
        "places",
        [{"label": name, "pattern": name} for name in place_names()],
        before=before,
    )
    nlp.add_pipe("diarium_case_numbers", before=before)
    nlp.add_pipe("diarium_dates", before=before)
    if before is not None:
        nlp.add_pipe("diarium_entities", before=before)


@lru_cache(maxsize=4)
def build_pipeline(model: str | None = None) -> Language:
    """The extraction pipeline; cached per model name (building costs about two seconds)."""
    nlp: Language | None = None
    if model:
        if spacy.util.is_package(model) or Path(model).is_dir():
            nlp = spacy.load(model)
        else:
            log.warning("spaCy pipeline %r is not installed; using spacy.blank('sv')", model)
    if nlp is None:
        nlp = spacy.blank("sv")
        _customize_tokenizer(nlp)
        nlp.add_pipe("diarium_lookup_lemmatizer", name="lemmatizer")
        nlp.initialize()
    else:
        _customize_tokenizer(nlp)
    nlp.max_length = MAX_LENGTH
    tokenizer: Any = nlp.tokenizer
    tokenizer.max_cache_size = TOKENIZER_CACHE
    _add_rule_components(nlp)
    return nlp


def normalize_space(text: str) -> str:
    """Collapse whitespace and drop Markdown emphasis: ``"**att** för\\n egen"`` -> ``"att för egen"``."""
    text = _BREAK_TAG.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    text = _BROKEN_DATE.sub("", text)  # a date broken over two lines
    return _SPACES.sub(" ", text).strip()


# Compiled once: `normalize_space` runs on every cell and sentence (re's cache lookup per call
# was measurable).
_BREAK_TAG = re.compile(r"<br\s*/?>")
_EMPHASIS = re.compile(r"\*+")
_BROKEN_DATE = re.compile(r"(?<=\d-)\s+(?=\d)")
_SPACES = re.compile(r"\s+")
