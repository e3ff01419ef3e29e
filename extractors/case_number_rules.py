"""Rule data for case numbers (diarienummer), apart from the grammar in `extractors.diarienummer`.

In the spirit of spaCy's ``lang/`` data files: the words and series that decide what is and
is not a registry's case number, as plain data. The grammar reads them; tests read them too.
"""

from __future__ import annotations

import datetime
import re

#: Labels whose value is a case number whatever its shape ("Dnr LD14/03799", "Änr KS 2018/9",
#: "Diarienummer: KS-0372/ 2021"). Matched case-insensitively, as whole words; "Dnr." and a
#: colon may follow. The label itself is never part of the number.
LABELS: tuple[str, ...] = (
    "diarienummer",
    "diarienr",
    "diarie nr",
    # Gävle's "dir. nr 25KS147", "dir nr; 24KS345" (the SOU series "Dir. 2023:12" has no "nr")
    "dir. nr",
    "dir nr",
    "dnr",
    "d-nr",
    "ärendenummer",
    "ärendenr",
    "änr",
    "vår beteckning",
    "er beteckning",
    "vårt dnr",
    "ert dnr",
    "beteckning",
)

#: Table column headings whose cells are case numbers, lower case.
CASE_COLUMN_HEADINGS = frozenset(LABELS) | {"dnr.", "ärende nr", "ärendenr.", "diarienr."}

#: Series that look like a registering body but name something else: government report and
#: statute series, ministries, courts, standards, units, and words written in capitals in
#: letterheads ("LULEÅ KOMMUN 2016-11").
SERIES_STOPLIST = frozenset(
    {
        "SOU", "SFS", "DS", "PROP", "DIR", "BET", "RSKR", "SKR", "UD", "EU", "ISO", "SS",
        "NJA", "HFD", "RÅ", "MÖD", "MMD", "AD", "RH", "NJ", "JO", "JK", "KAMMR", "MAL", "BFS",
        "AFS", "SOSFS", "HSLF", "TSFS", "NFS", "MSBFS", "KOM", "COM", "CELEX", "ISBN", "ISSN",
        "NR", "TEL", "FAX", "SEK", "KR", "TKR", "MKR", "MNKR", "MDKR", "ÅR", "VECKA", "V", "KL",
        "CA", "BID", "CTC", "PPT", "GESO", "KOMMUN", "REGION", "STAD", "STADS", "LÄN",
        "DP", "DPL", "SID", "SIDA", "BILAGA", "TID", "DATUM", "ORG", "ORGNR", "BOX", "PG", "BG",
        "VAT", "MOMS", "MAJ", "JUNI", "JULI", "AUG", "SEPT", "OKT", "NOV", "DEC", "JAN", "FEB",
        "MARS", "APR", "KV", "KVM", "KM", "MW", "KWH", "MWH", "GWH", "ST", "TEXT", "OCH", "SAMT",
        "NUMMER", "LAG", "ANM", "ANL", "PDF", "DOCX", "XLSX", "KB", "MB", "TKRONOR", "MSEK",
        "MNSEK", "MDSEK", "AB", "HB", "DNR", "DIARIENR", "ÄNR", "REF", "LPN", "PM",
        # state agencies: their numbers are not the municipality's cases
        # laws cited by their abbreviation: "plan- och bygglagen (PBL 2010:900)"
        "PBL", "LOU", "OSL", "LSS", "HSL", "SFB", "LVU", "LVM", "LAS",
        "MSB", "TRV", "IVO", "LST", "SCB", "SKV", "SMHI", "SGI", "SGU", "PTS", "ESV", "MILJ", "PROC", "VT", "HT", "KVARTAL", "Q", "FÖRS", "SÄRSKILD",
    }
)  # fmt: skip

#: Two-letter words that open a sentence after a number ("… 2017.632-123 Om detta …"): not a
#: series written as a capital and a small letter ("Ks", "Nf").
SHORT_WORDS = frozenset(
    {"Om", "Av", "Se", "Vi", "Ni", "Du", "Nu", "Då", "Ej", "På", "Är", "Så", "Än", "Ur", "Ex",
     "Ja", "De", "En", "Gå", "Ge", "Ha", "Må", "Ta", "Tv", "Kl", "Nr", "Ca", "St", "Dp", "Jf"}
)  # fmt: skip

#: Government ministries write their registration prefix in mixed case ("Ju 2025/00949",
#: "Fi2023/01234", "Ku 2023/01702"); municipal registries write theirs in capitals
#: ("DNR:KU/2007.9" is Högsby's kommunledningsutskott) or as a capital and one small letter
#: ("Ks 1092/2013", "Nf 220/2015"). So the ministry list is matched case-sensitively, on the
#: series as written: "Ku" is rejected, "KU" is a municipal series.
MINISTRY_PREFIXES = frozenset(
    {"Ju", "Fi", "Fö", "Ku", "So", "Ij", "Ud", "Sn", "Ds", "Sb", "Sf", "Jo", "Ub"}
)

#: Series whose numbers are paragraph (§) serials, not registry cases: an arbetsutskott's
#: minutes number their items "KSAU 130/2014". Matched on the end of the series.
PARAGRAPH_SERIES = re.compile(r"(?:AU|ARBU|PROT)$")

#: Words right before a number that make it something else than a registry case: a plan or
#: property designation ("detaljplan FJP31 PL/2015:18"), a court case ("mål nr P 2024-12"), a
#: traffic regulation, a motion's or interpellation's serial ("Motion nr 27-2025"), a
#: paragraph ("§ 63/20", "Paragraf 318-341"), a löpnummer, a delegation-decision series.
LOOKALIKE_CONTEXT = re.compile(
    r"(?i)(?:\b(?:detaljplan(?:en)?|planbeteckning|plannummer|plan nr|aktnummer|akt nr|"
    r"fastighet(?:en|sbeteckning)?|mål\s?(?:nr|nummer)|målnr|trafikföreskrift(?:er(?:na)?)?)"
    # (the word whole: "Motion om … detaljplaner KS/2018:835" is an item's title before its case)
    r"\b\.?[\w ./:-]{0,16}"
    r"|\b(?:nr|nummer|lpn|löpnr|löpnummer|paragraf(?:er(?:na)?)?|delegation|beslutsserie|utlåtande|pm|"
    r"uppdnr|org\.?\s?nr|organisationsnummer|tel(?:efon)?|fax|mobil|sfs|lag|prop\.?|"
    r"bet\.?|skr\.?)\.?:?"
    r"|§)\s*$"
)

#: Before a label on its line: another authority whose registry the number belongs to
#: ("Remiss från Naturvårdsverket, dnr 523-3732-10 Rm", "Lst dnr 551-856-13", "domstolens
#: mål"). A municipal body before the label ("Remiss från kommunstyrelsen, dnr …") is no cue.
AGENCY_BEFORE_LABEL = re.compile(
    r"(?i)\b(?:länsstyrelse\w*|lst|\w*verk(?:et|ets)|\w*departement\w*|\w*domstol\w*|"
    r"\w*myndighet(?:en|ens)|\w*inspektion(?:en|ens)|kammarrätt\w*|förvaltningsrätt\w*|"
    r"hovrätt\w*|tingsrätt\w*|regeringen\w*|riksdag\w*)\b[^\n]{0,25}$"
)

#: A line that starts with the label of another kind of number: what follows on the line is
#: not a case ("Lpn: 2017-1138, 2017-1159", "Motion nr 27-2025").
NOT_CASE_LABEL = re.compile(
    r"(?i)\W*(?:lpn|löpnr|löpnummer|motion nr|interpellation nr|nr|paragraf(?:er)?|sid(?:a)?)\b"
)

#: Right before a series-less number: a statute, an EU act or a report ("SFS 2009:400",
#: "(EU)-2016/679", "Vallag (2005:837)").
STATUTE_BEFORE = re.compile(
    r"(?i)(?:\b(?:sfs|eu|sou|ds|prop|lag|lagen|förordning(?:en)?|direktiv)\)?[^\w\n]{0,3}|\()$"
)

#: A two-digit year is read in the century that makes it no later than next year: up to this
#: it is 20YY ("Ks 00-1009", "SN 18/0098"), above it 19YY ("KS 2705/47" is 1947's numbering).
TWO_DIGIT_YEAR_PIVOT = datetime.date.today().year % 100 + 1

#: Words people type before a number in a search that are not a series ("beslut 2024-00134",
#: "motion 8-2015"). A query's series is read case-insensitively, so these are excluded.
QUERY_WORDS = frozenset(
    {
        "beslut", "dnr", "nr", "ärende", "ärend", "motion", "om", "och", "i", "på", "för", "till",
        "från", "med", "av", "år", "budget", "plan", "avtal", "remiss", "svar", "se", "jfr",
        "case", "arende", "diarie", "mål", "lag", "sid", "ks:", "den", "det", "en", "ett", "att",
        "som", "är", "var", "vid", "efter", "under", "över", "enligt", "mars", "april", "maj",
        "juni", "juli", "augusti", "aug", "sept", "okt", "nov", "dec", "jan", "feb", "sedan",
        "inom", "utan", "mot", "alla", "årets", "protokoll", "kallelse", "yttrande", "mötet",
    }
)  # fmt: skip
