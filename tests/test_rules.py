"""Rule tables: case numbers, committee names, date phrases, document types.

Each table is real wording from the corpus or from PRODUCT.md, with negative examples.
"""

from __future__ import annotations

import pytest

from extractors import committees
from extractors.base import Page, ParsedDocument
from extractors.dates import find_dates, find_raw_dates
from extractors.diarienummer import find_case_numbers, normalize
from extractors.doctype import classify, lines_of
from extractors.extraction import extract, split_name_title
from extractors.nlp import build_pipeline


def doc_of(text: str, fmt: str = "text") -> ParsedDocument:
    return ParsedDocument(
        source="t", sha256="x", format=fmt, text=text, pages=[Page(1, 0, len(text))]
    )


# ------------------------------------------------------------------ case numbers


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("Diarienummer STK-2023-137", "STK-2023-137"),
        ("SBN-2023-734", "SBN-2023-734"),
        ("TN-2019-3825", "TN-2019-3825"),
        ("MN-2020-17", "MN-2020-17"),
        ("STK 2018-74", "STK-2018-74"),
        ("KS 2014/0316", "KS-2014-316"),
        ("KS 2018/14", "KS-2018-14"),
        ("Dnr 0263/19", "2019-263"),
        ("SLK-2023-01047", "SLK-2023-1047"),
        ("KSN-2015-1162", "KSN-2015-1162"),
        ("BN-2023-00211", "BN-2023-211"),
        ("2021/KS 0280", "KS-2021-280"),
        ("KSKF/2014:1", "KSKF-2014-1"),
        ("DNR: KF/2006.366", "KF-2006-366"),
        ("§ 93 Dnr 2024-00134", "2024-134"),
        ("(ärende STK-2020-773).", "STK-2020-773"),
    ],
)
def test_case_number_positive(text, normalized):
    assert [m.normalized for m in find_case_numbers(text)] == [normalized]


@pytest.mark.parametrize(
    "text",
    [
        "SOU 2023:96",
        "betänkandet Areella näringar vid vatten (SOU 2023:103)",
        "Ju 2025/00949",
        "Oxie 54:6",
        "2023-12-01",
        "Förslag yttrande SBN 2023-12-14",
        "50 Mkr",
        "040-34 10 00",
        "SFS 2018:585",
        "Telefon 0300-83 40 00",
        "7 kap. 16 § 1 miljöbalken",
    ],
)
def test_case_number_negative(text):
    assert list(find_case_numbers(text)) == []


@pytest.mark.parametrize(
    "spellings",
    [
        ("TN-2019-3825", "tn 2019 3825", "TN 2019/3825", "TN-2019-03825"),
        ("KS-2023-00249", "KS 2023-249", "ks 2023/249"),
        ("STK-2018-74", "STK 2018-74"),
    ],
)
def test_normalization_equal(spellings):
    assert len({normalize(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Datum\n\n2020-11-17\n\nDiarienummer\n\nSTK-2020-1205\n\nYttrande\n\nTill\n\nTekniska nämnden\n\nX",
            "own",
        ),
        (
            "Tjänsteskrivelse\n\nTitel\n\nÄrendet\n\nSe (ärende STK-2020-773) om detta.",
            "referenced",
        ),
        (
            "Tjänsteskrivelse\n\nTitel\n\nÄrendet\n\nRemiss från tekniska nämnden TN-2019-3825.",
            "referenced",
        ),
    ],
)
def test_case_roles(text, role):
    [case] = extract(doc_of(text)).case_numbers
    assert case.role == role


# ------------------------------------------------------------------ committees


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("Stadsbyggnadsnämnden", "stadsbyggnadsnämnden"),
        ("stadsbyggnadsnämndens", "stadsbyggnadsnämnden"),
        ("stadsbyggnadsnämnd", "stadsbyggnadsnämnden"),
        ("Tekniska nämnden", "tekniska nämnden"),
        ("tekniska nämndens", "tekniska nämnden"),
        ("Kommunstyrelsen", "kommunstyrelsen"),
        ("kommunstyrelsens", "kommunstyrelsen"),
        ("kommunfullmäktiges", "kommunfullmäktige"),
        ("Kommunstyrelsens arbetsutskott", "kommunstyrelsens arbetsutskott"),
        ("Nämnden för Teknik", "nämnden för teknik"),
        ("nämnden för Tekniks arbetsutskott", "nämnden för tekniks arbetsutskott"),
        ("Nämnden för Miljö & Hälsoskydd", "nämnden för miljö & hälsoskydd"),
        ("nämnden för miljö och hälsoskydd", "nämnden för miljö & hälsoskydd"),
        ("Nämnden  för Miljö & Hälsoskydd", "nämnden för miljö & hälsoskydd"),
        ("Valnämnd", "valnämnden"),
        ("Fastighets- och gatukontoret", "fastighets- och gatukontoret"),
        ("arbetsmarknads- och socialförvaltningen", "arbetsmarknads- och socialförvaltningen"),
        ("hälsa-, vård- och omsorgsnämnden", "hälsa-, vård- och omsorgsnämnden"),
        ("KS", "kommunstyrelsen"),
        ("SBN", "stadsbyggnadsnämnden"),
    ],
)
def test_committee_lookup(surface, canonical):
    assert committees.lookup(surface) == canonical


@pytest.mark.parametrize("surface", ["nämnden", "nämnder", "förvaltningen", "ks", "Nämnden för X"])
def test_committee_lookup_negative(surface):
    assert committees.lookup(surface) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "1.Stadsbyggnadsnämnden lämnar yttrande enligt förvaltningens förslag.",
            ["stadsbyggnadsnämnden"],
        ),
        (
            "Mot bakgrund av detta gav Tekniska nämnden Fastighets- och gatukontoret i uppdrag",
            ["tekniska nämnden", "fastighets- och gatukontoret"],
        ),
        (
            "Tekniska nämnden/Fastighets- och gatukontoret har",
            ["tekniska nämnden", "fastighets- och gatukontoret"],
        ),
        (
            "Kommunstyrelsens arbetsutskott noterar informationen",
            ["kommunstyrelsens arbetsutskott"],
        ),
        (
            "enligt KS AU och KSAU",
            ["kommunstyrelsens arbetsutskott", "kommunstyrelsens arbetsutskott"],
        ),
        ("berörda nämnder och bolag, nämnden själv", []),
        ("Dnr KS-2023-00249 och KS 2014/0316", []),  # KS inside case numbers is no mention
        ("ks och fks i löptext", []),
    ],
)
def test_committee_spans(text, expected):
    e = extract(doc_of(text))
    spacy_doc = build_pipeline()(text)
    found = len(spacy_doc.spans["committees"]) + len(spacy_doc.spans["committee_abbreviations"])
    assert found >= len(expected)
    assert sorted(c.name for c in e.committees for _ in range(c.mentions)) == sorted(expected)


@pytest.mark.parametrize(
    ("series", "body"),
    [
        ("STK", "kommunstyrelsen"),
        ("SBN", "stadsbyggnadsnämnden"),
        ("TN", "tekniska nämnden"),
        ("KF", "kommunfullmäktige"),
        ("TE", "nämnden för teknik"),
        ("MH", "nämnden för miljö & hälsoskydd"),
        ("FG", "nämnden för förskola & grundskola"),
        ("SOU", None),
    ],
)
def test_series_to_body(series, body):
    assert committees.body_for_series(series) == body


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("text", "phrase", "date", "end_date", "kind"),
    [
        ("Datum 2023-12-01", "2023-12-01", "2023-12-01", None, "mentioned"),
        (
            "Kommunstyrelsen skickade 19 mars 2024 en begäran",
            "19 mars 2024",
            "2024-03-19",
            None,
            "mentioned",
        ),
        (
            "Sammanträde onsdagen den 7 februari 2024 kl. 08.15",
            "den 7 februari 2024",
            "2024-02-07",
            None,
            "mentioned",
        ),
        ("14 december 2023", "14 december 2023", "2023-12-14", None, "mentioned"),
        # A web page's publication line puts a comma before the year.
        (
            "ÖP 2040, är antagen\n\nPublicerad: 14 juni, 2022 kl 08:40",
            "14 juni, 2022",
            "2022-06-14",
            None,
            "mentioned",
        ),
        (
            "I januari 2017 antog kommunfullmäktige",
            "I januari 2017",
            "2017-01-01",
            "2017-01-31",
            "period",
        ),
        ("beslutade i maj 2017 att", "i maj 2017", "2017-05-01", "2017-05-31", "period"),
        (
            "en särskild rapport under våren 2018.",
            "våren 2018",
            "2018-03-01",
            "2018-05-31",
            "period",
        ),
        ("under hösten 2024 till", "hösten 2024", "2024-09-01", "2024-11-30", "period"),
        (
            "en femårig investering (2010-2015) för",
            "2010-2015",
            "2010-01-01",
            "2015-12-31",
            "range",
        ),
        ("Program Lindängen 2018–2022 är", "2018–2022", "2018-01-01", "2022-12-31", "range"),
        ("daterad 2024-\n01-16.", "2024-\n01-16", "2024-01-16", None, "mentioned"),
        ("första kvartalet 2024", "första kvartalet 2024", "2024-01-01", "2024-03-31", "period"),
    ],
)
def test_date_phrases(text, phrase, date, end_date, kind):
    [m] = find_dates(text)
    assert (m.text, m.date, m.end_date, m.kind) == (phrase, date, end_date, kind)
    assert text[m.start : m.end] == phrase


@pytest.mark.parametrize(
    ("text", "default_year", "date"),
    [
        ("Den 1 maj inrättades ett kansli", 2017, "2017-05-01"),
        ("Under 2016 hände mycket. Den 1 maj inrättades ett kansli", None, "2016-05-01"),
        ("beslutade under våren om", 2017, "2017-03-01"),
    ],
)
def test_date_year_from_context(text, default_year, date):
    [m] = find_dates(text, default_year=default_year)
    assert m.date == date


@pytest.mark.parametrize(
    "text",
    [
        "STK-2023-137",
        "SOU 2023:103",
        "040-34 10 00",
        "Telefon 0300-83 40 00",
        "en satsning på 50 Mkr",
        "omkring 2 400 bostäder",
        "Hanhals 1:2, 1:3, 3:2",
        "KS-2023-12-14",
        "under våren",  # no year anywhere: not resolvable
        "maj",
    ],
)
def test_date_negative(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a PDF's letter-spaced date in a flattened letterhead
        ("PROTOKOLL Sammanträdesdatum. Kommunstyrelsen 2007 11 19 ANSLAG/BEVIS", ["2007-11-19"]),
        # not a year range, nor a run of numbers, nor a month 13
        ("Plan för 2019 – 2020", []),
        ("Konto 2019 10 15 16", []),
        ("Budget 2019 13 01", []),
    ],
)
def test_a_letter_spaced_date(text: str, expected: list[str]) -> None:
    raws = [r for r in find_raw_dates(text) if r.rule == "iso"]
    assert [f"{r.year:04d}-{r.month:02d}-{r.day:02d}" for r in raws] == expected


def test_dates_never_inside_case_numbers():
    text = "Förslag yttrande SBN 2023-12-14 och STK-2023-137"
    raws = find_raw_dates(text, exclude=[(m.start, m.end) for m in find_case_numbers(text)])
    assert [r.text for r in raws] == ["2023-12-14"]


# ------------------------------------------------------------------ doc types


@pytest.mark.parametrize(
    ("text", "fmt", "doc_type"),
    [
        (
            "Datum\n\n2023-12-01\n\nTjänsteskrivelse\n\nRemiss - X, STK-2023-137",
            "text",
            "tjänsteskrivelse",
        ),
        (
            "Datum\n\n2020-11-17\n\nDiarienummer\n\nSTK-2020-1205\n\nYttrande\n\nTill\n\nX",
            "text",
            "yttrande",
        ),
        ("## Tjänsteskrivelse\n\n### Modell TN-2019-3825", "markdown", "tjänsteskrivelse"),
        ("Remiss\n\nFörslag om X\n\nRemissinstanser", "text", "remiss"),
        ("Motion om att återuppta nationaldagsfirandet\n\nText", "text", "motion"),
        (
            "KUNGSBACKA KOMMUN   SAMMANTRÄDESPROTOKOLL\nValnämnd\n§ 27 Dnr VN-2024-6\nBeslut\n§ 28\nBeslut",
            "markdown",
            "protokoll",
        ),
        (
            "KUNGSBACKA KOMMUN   SAMMANTRÄDESPROTOKOLL\nByggnadsnämnden\n§ 93 Dnr 2024-00134\nBeslut",
            "markdown",
            "protokollsutdrag",
        ),
        ("Protokollsutdrag\n\nKommunstyrelsen § 12", "text", "protokollsutdrag"),
        ("Kommunrevisionen   SAMMANTRÄDESANTECKNINGAR\nDatum\n2024-09-23", "markdown", "protokoll"),
        ("KALLELSE/UNDERRÄTTELSE\n\nUpprättad\n2024-01-26\n\nValnämnd", "markdown", "kallelse"),
        (
            "KALLELSE/UNDERRÄTTELSE\n\nValnämnd\n\nTJÄNSTESKRIVELSE\n\nDatum\n2024-08-30",
            "markdown",
            "handlingar",
        ),
        ("TJÄNSTESKRIVELSE\n\nA\n\nTJÄNSTESKRIVELSE\n\nB", "markdown", "handlingar"),
        ("Föredragningslista\n\n1. Val av justerare", "text", "föredragningslista"),
        (
            "Kommunövergripande verksamhet\n\nkommunovergrip\n\nUnder 2017 gjordes mycket. Under året färdigställdes 2 400 bostäder.",
            "text",
            "årsredovisning",
        ),
        (
            "Områdesprogram\n\nBokaler_Rosengård_JohanWessman\n\nLöptext om programmet 2010-2015.",
            "text",
            "webbsida",
        ),
        ("Någon rubrik\n\nVanlig löptext utan kännetecken.\n\nMer text.", "html", "webbsida"),
        ("Någon rubrik\n\nVanlig löptext utan kännetecken.\n\nMer text.", "text", "okänd"),
        ("Datum\n\n2023-12-01\n\nTitel\n\nBild_fil\n\nText", "text", "okänd"),
    ],
)
def test_doc_types(text, fmt, doc_type):
    assert classify(lines_of(text), fmt)[0] == doc_type


# ------------------------------------------------------------------ persons


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Anna Bertilsson Direktör", ("Anna Bertilsson", "Direktör")),
        ("Patrik Widerberg Avdelningschef", ("Patrik Widerberg", "Avdelningschef")),
        ("Katrín Stjernfeldt Jammeh", ("Katrín Stjernfeldt Jammeh", None)),
        ("Anna-Lena Alnerud", ("Anna-Lena Alnerud", None)),
        ("Thure Sandén (M)", ("Thure Sandén", None)),
        ("Beslutsunderlag", None),
        ("philip.tanimura@malmo.se", None),
        ("2023-12-01", None),
    ],
)
def test_split_name_title(line, expected):
    assert split_name_title(line) == expected


def test_pipeline_components_and_patterns_survive_initialize():
    nlp = build_pipeline()
    assert {
        "lemmatizer",
        "committee_ruler",
        "place_ruler",
        "diarium_case_numbers",
        "diarium_dates",
    } <= set(nlp.pipe_names)
    doc = nlp("Stadsbyggnadsnämnden 2023-12-14 STK-2023-137 Rosengård")
    assert [s.label_ for s in doc.spans["committees"]] == ["stadsbyggnadsnämnden"]
    assert [s.kb_id_ for s in doc.spans["case_numbers"]] == ["STK-2023-137"]
    assert [s.text for s in doc.spans["dates"]] == ["2023-12-14"]
    assert [s.text for s in doc.spans["places"]] == ["Rosengård"]
    assert nlp.max_length >= 2_000_000
    assert build_pipeline() is nlp  # cached
