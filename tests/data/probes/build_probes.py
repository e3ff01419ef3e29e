"""Build the synthetic probe set: ``NNN_<slug>.txt`` and ``gold.jsonl`` in this folder.

Every text here was *written* for Diarium's tests, from knowledge of how Swedish municipalities,
regions, kommunalförbund and municipal companies lay out their documents; none is a copy of a
real document, and the names, case numbers and dates are invented. The gold was written with
the text, before Diarium was run on it, in the format of ``../shared/municipalities/gold.jsonl``
(see ``diarium/evaluate_written.py``). Run ``python tests/data/probes/build_probes.py`` to
rebuild the texts and the gold from this file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROBES: list[dict[str, Any]] = []


def probe(
    slug: str,
    municipality: str,
    doc_type: str,
    committee: str | None,
    committees: list[str],
    text: str,
    *,
    cases: list[str] | None = None,
    meeting: str | None = None,
    document_date: str | None = None,
    decisions: list[str] | None = None,
    style: str = "",
) -> None:
    PROBES.append(
        {
            "slug": slug,
            "municipality": municipality,
            "doc_type": doc_type,
            "doc_type_detail": f"synthetic: {style}",
            "committee": committee,
            "committees": committees,
            "case_numbers": cases or [],
            "meeting_date": meeting,
            "meeting_date_source": "text" if meeting else "not in the text",
            "document_date": document_date,
            "decisions": decisions or [],
            "text": text.strip("\n"),
        }
    )


# --- Protokoll: covers in the house styles of the common publishing systems -------------------

probe(
    "tierp_ks_protokoll_2017-02-08",
    "Tierp",
    "protokoll",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
SAMMANTRÄDESPROTOKOLL
Kommunstyrelsen
Sammanträdesdatum
2017-02-08
Sida
1(24)
Plats och tid Kommunhuset, Hjalmar Kåges sal, onsdagen den 8 februari 2017 kl. 13.00–16.30
Beslutande Ledamöter
Anna Lindqvist (S), ordförande
Per-Erik Holm (C)
Maria Sundin (M)
Tjänstgörande ersättare
Kent Ödlund (S)
Övriga närvarande Lena Vik, kommundirektör
Magnus Ek, sekreterare
Justerare Maria Sundin (M)
Justeringens plats och tid Kommunkansliet 2017-02-13
Underskrifter Sekreterare ..................................... Paragrafer 12–31
Magnus Ek
Ordförande .....................................
Anna Lindqvist
Justerare .....................................
Maria Sundin
ANSLAG/BEVIS
Protokollet är justerat. Justeringen har tillkännagivits genom anslag.
Organ Kommunstyrelsen
Sammanträdesdatum 2017-02-08
Datum då anslaget sätts upp 2017-02-14 Datum då anslaget tas ned 2017-03-08
""",
    meeting="2017-02-08",
    document_date="2017-02-08",
    style="Ciceron/W3D3 cover with ANSLAG/BEVIS",
)

probe(
    "eslov_bun_protokoll_2016-04-14",
    "Eslöv",
    "protokoll",
    "barn- och familjenämnden",
    ["barn- och familjenämnden"],
    """
ESLÖVS KOMMUN
PROTOKOLL
Barn- och familjenämnden
Sammanträde 2016-04-14
Tid och plats: Torsdagen den 14 april 2016 kl. 18.00–20.15 i Stadshuset, sal Ringsjön
Ledamöter: Hanna Berg (S), ordförande, Tomas Åkesson (M), vice ordförande, Lisa Holm (C),
Jonas Persson (SD), Eva Lund (L)
Ersättare: Olle Strand (S), Britt Ask (KD)
Tjänstemän: Karin Mörk, förvaltningschef; Erik Sand, nämndsekreterare
Justerare: Tomas Åkesson
Justering: Barn- och familjeförvaltningen, tisdagen den 19 april 2016
Paragrafer: §§ 34–47
""",
    meeting="2016-04-14",
    document_date="2016-04-14",
    style="Lex-style protokoll, weekday date in Tid och plats",
)

probe(
    "vimmerby_kf_protokoll_2019-11-25",
    "Vimmerby",
    "protokoll",
    "kommunfullmäktige",
    ["kommunfullmäktige", "kommunstyrelsen"],
    """
Vimmerby kommun
Kommunfullmäktige
PROTOKOLL
Datum
2019-11-25
Sida 1 (18)
Plats och tid
Ängsladan, Vimmerby, kl. 18:30-21:40
Beslutande
Se bifogad närvarolista
Övriga
Kommunchef Ann-Sofie Larsson
Utses att justera
Mattias Brink (S) och Elin Dahl (M)
Justeringens
plats och tid
Kommunledningskontoret, 2019-11-28
§ 145 Dnr 2019/000412 041
Budget 2020 och plan 2021–2022
Kommunfullmäktiges beslut
Kommunfullmäktige fastställer budget för 2020 och plan för 2021–2022 enligt kommunstyrelsens förslag.
""",
    cases=["2019/000412 041"],
    meeting="2019-11-25",
    document_date="2019-11-25",
    decisions=[
        "Kommunfullmäktige fastställer budget för 2020 och plan för 2021–2022 enligt kommunstyrelsens förslag."
    ],
    style="Platina-style cover, labels on their own lines, broken label 'Justeringens / plats och tid'",
)

probe(
    "boden_ksau_protokoll_2021-06-08",
    "Boden",
    "protokoll",
    "kommunstyrelsens arbetsutskott",
    ["kommunstyrelsens arbetsutskott", "kommunstyrelsen"],
    """
                                         PROTOKOLL                       1 (12)
Kommunstyrelsens arbetsutskott           Sammanträde 2021-06-08
Plats: Digitalt via Teams
Tid: kl. 08.30–11.45
Närvarande ledamöter: Claes Nordmark (S), ordförande; Sara Lindh (M); Anders Öhrn (V)
Sekreterare: Mia Krona
Justeras: 2021-06-10
§ 88 Dnr KS 2021/0311
Yttrande över remiss – regional transportplan
Arbetsutskottets förslag till kommunstyrelsen
Kommunstyrelsen lämnar yttrande enligt bilaga.
Beslutet skickas till
Region Norrbotten
""",
    cases=["KS 2021/0311"],
    meeting="2021-06-08",
    document_date="2021-06-08",
    decisions=["Kommunstyrelsen lämnar yttrande enligt bilaga."],
    style="Public 360 protokoll, 'Sammanträde' with date in the letterhead; justeras date apart",
)

probe(
    "orsa_sn_protokoll_2018-03-21",
    "Orsa",
    "protokoll",
    "socialnämnden",
    ["socialnämnden"],
    """
Orsa kommun
Socialnämnden
Protokoll 2018-03-21
§ 21 SN 2018/00045
Ansökan om bidrag till brottsofferjouren
Beslut
Socialnämnden beslutar att bevilja Brottsofferjouren Dalarna 25 000 kronor för 2018.
Ärendebeskrivning
Brottsofferjouren har inkommit med ansökan om verksamhetsbidrag.
Beslutet skickas till
Brottsofferjouren Dalarna, ekonomienheten
§ 22 SN 2018/00051
Information om läget inom hemtjänsten
Beslut
Informationen läggs till handlingarna.
""",
    cases=["SN 2018/00045", "SN 2018/00051"],
    meeting="2018-03-21",
    document_date="2018-03-21",
    decisions=[
        "Socialnämnden beslutar att bevilja Brottsofferjouren Dalarna 25 000 kronor för 2018.",
        "Informationen läggs till handlingarna.",
    ],
    style="short protokoll head, 'Protokoll <date>' on one line",
)

probe(
    "kiruna_kf_protokoll_2020-09-28",
    "Kiruna",
    "protokoll",
    "kommunfullmäktige",
    ["kommunfullmäktige", "kommunstyrelsen"],
    """
KIRUNA KOMMUN SAMMANTRÄDESPROTOKOLL 1(30)
Kommunfullmäktige
Sammanträdesdatum 2020-09-28
Plats och tid Folkets hus, kl. 09.00–15.10
Beslutande 31 ledamöter enligt närvarolista
Justerare Gunnar Mikko (V), Lotta Kemi (S)
Justeringens plats och tid Stadshuset 2020-10-02 kl. 10.00
Underskrifter Sekreterare Paragrafer 101-124
Ordförande
Justerande
ANSLAG/BEVIS
Protokollet är justerat. Justeringen har tillkännagivits genom anslag
Organ Kommunfullmäktige
Sammanträdesdatum 2020-09-28
Datum för anslags uppsättande 2020-10-05 Datum för anslags nedtagande 2020-10-27
Förvaringsplats för protokollet Kommunkansliet
Underskrift
Utdragsbestyrkande
§ 101 Avsägelse av uppdrag som ersättare i kommunstyrelsen, Peter Aho (M)
Dnr KS-2020/0765
Kommunfullmäktiges beslut
Avsägelsen godkänns.
""",
    cases=["KS-2020/0765"],
    meeting="2020-09-28",
    document_date="2020-09-28",
    decisions=["Avsägelsen godkänns."],
    style="W3D3 one-line cover fields, anslag dates after the meeting date",
)

probe(
    "arvika_tn_protokoll_2015-10-22",
    "Arvika",
    "protokoll",
    "tekniska nämnden",
    ["tekniska nämnden"],
    """
ARVIKA KOMMUN
Tekniska nämnden
PROTOKOLL
Sammanträdesdag
2015-10-22
Sid
1
Plats och tid
Stadshuset, lokal Glaskogen torsdag 22 oktober 2015 kl 13.15-15.00
Beslutande
Ulf Nordin (S) ordf
Bo Andersson (C)
Ewa Kron (M)
Övriga deltagande
Leif Björk, teknisk chef
Utses att justera
Ewa Kron
Justeringens
plats och tid
Tekniska förvaltningen 2015-10-27
Sekreterare
Paragrafer
78-92
""",
    meeting="2015-10-22",
    document_date="2015-10-22",
    style="PDF-to-text of a classic KommunLedningsSystem cover, every label on its own line",
)

probe(
    "falkoping_ks_protokoll_2014-05-21",
    "Falköping",
    "protokoll",
    "kommunstyrelsen",
    ["kommunstyrelsen", "kommunfullmäktige"],
    """
Protokoll från Kommunstyrelsen 2014-05-21

Storlek: px
Börja visa från sida:
Download "Protokoll från Kommunstyrelsen 2014-05-21"
Transkript
1 1 Kommunstyrelsen Tid och plats Stadshuset, sammanträdesrummet Mösseberg onsdagen den 21 maj 2014 kl
08.00-12.10 Beslutande Ledamöter Adam Johansson (C), ordförande Dan Hovskär (KD) Ulrika Svensson (S)
Justerare Ulrika Svensson (S) Justeringens plats och tid Kommunkansliet, 2014-05-26 Underskrifter
Sekreterare Paragrafer 104-127 Eva Ringström Ordförande Adam Johansson Justerare Ulrika Svensson
2 Kommunstyrelsen 2014-05-21 § 104 Dnr 2014/245 Årsredovisning 2013 Kommunstyrelsens beslut
Kommunstyrelsen föreslår kommunfullmäktige besluta att godkänna årsredovisningen för 2013.
""",
    cases=["2014/245"],
    meeting="2014-05-21",
    document_date="2014-05-21",
    decisions=[
        "Kommunstyrelsen föreslår kommunfullmäktige besluta att godkänna årsredovisningen för 2013."
    ],
    style="DocPlayer transcript with chrome, fields run together on long lines",
)

probe(
    "regiondalarna_rs_protokoll_2019-03-04",
    "Region Dalarna",
    "protokoll",
    "regionstyrelsen",
    ["regionstyrelsen", "regionfullmäktige"],
    """
Region Dalarna
PROTOKOLL
Regionstyrelsen
Datum: 2019-03-04
Tid: 09:00–15:30
Plats: Regionhuset, sal Siljan, Falun
Närvarande: se bilaga 1
Ordförande: Ulrika Liljeberg (C)
Sekreterare: Tove Hägg
Justerare: Karin Jensen (L)
Justerat: 2019-03-08
§ 27 RD19/00612
Regional utvecklingsstrategi, remissversion
Regionstyrelsen beslutar
1. Remissversionen av regional utvecklingsstrategi godkänns för utskick.
2. Regionfullmäktige informeras om remissförfarandet.
""",
    cases=["RD19/00612"],
    meeting="2019-03-04",
    document_date="2019-03-04",
    decisions=[
        "Remissversionen av regional utvecklingsstrategi godkänns för utskick.",
        "Regionfullmäktige informeras om remissförfarandet.",
    ],
    style="region protokoll with colon labels and numbered decision points",
)

probe(
    "motala_bmn_protokoll_2022-10-13",
    "Motala",
    "protokoll",
    "bygg- och miljönämnden",
    ["bygg- och miljönämnden"],
    """
Motala kommun
Sammanträdesprotokoll
Sammanträdesdatum Sida
Bygg- och miljönämnden 2022-10-13 1(9)
Plats och tid: Motala Stadshus, lokal Vättern, kl. 13.00–15.20
Beslutande: Ingrid Norén (S) ordförande, Per Wallin (M), Sofia Hed (C), Mats Lind (SD)
Sekreterare: Anna Rask
Justerare: Per Wallin
Justeringsdatum: 2022-10-18
Protokollet omfattar: §§ 141–158
""",
    meeting="2022-10-13",
    document_date="2022-10-13",
    style="body name and date on one line under a column header 'Sammanträdesdatum Sida'",
)

probe(
    "nassjo_kf_protokoll_2012-12-13",
    "Nässjö",
    "protokoll",
    "kommunfullmäktige",
    ["kommunfullmäktige", "kommunstyrelsen", "socialnämnden"],
    """
NÄSSJÖ KOMMUN
Kommunfullmäktige
SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum
2012-12-13
Tid: kl. 18.30-22.05
Plats: Nässjö stadshus, Sessionssalen
§ 189 Dnr Kst 2012/398
Interpellation till socialnämndens ordförande om väntetider i äldreomsorgen
Kommunfullmäktiges beslut
Interpellationen anses besvarad.
§ 190 Dnr Kst 2012/402
Val av ersättare i kommunstyrelsen
Kommunfullmäktiges beslut
Till ny ersättare i kommunstyrelsen efter Anders Lidh (M) väljs Kristina Berg (M).
""",
    cases=["Kst 2012/398", "Kst 2012/402"],
    meeting="2012-12-13",
    document_date="2012-12-13",
    decisions=[
        "Interpellationen anses besvarad.",
        "Till ny ersättare i kommunstyrelsen efter Anders Lidh (M) väljs Kristina Berg (M).",
    ],
    style="KF protokoll, 'Kst' series, interpellation and val",
)

probe(
    "oskarshamn_ks_protokoll_2023-01-31",
    "Oskarshamn",
    "protokoll",
    "kommunstyrelsen",
    ["kommunstyrelsen", "kommunfullmäktige"],
    """
Protokoll
Kommunstyrelsen
2023-01-31
§ 12 KS/2022:418
Motion om solceller på kommunens tak
Förslag till beslut
Kommunstyrelsen föreslår kommunfullmäktige besluta
att bifalla motionen.
Yrkanden
Peter Wik (M) yrkar avslag på motionen.
Propositionsordning
Ordföranden ställer proposition på förslaget och avslagsyrkandet och finner att kommunstyrelsen beslutar enligt förslaget.
Beslut
Kommunstyrelsen föreslår kommunfullmäktige besluta
att bifalla motionen.
""",
    cases=["KS/2022:418"],
    meeting="2023-01-31",
    document_date="2023-01-31",
    decisions=["att bifalla motionen.", "att bifalla motionen."],
    style="Meetings Plus protokoll page with Yrkanden and Propositionsordning",
)

probe(
    "sala_vof_protokoll_2020-02-19",
    "Sala",
    "protokoll",
    "vård- och omsorgsnämnden",
    ["vård- och omsorgsnämnden"],
    """
SALA KOMMUN
Vård- och omsorgsnämnden
Protokoll fört vid sammanträde onsdagen den 19 februari 2020
Plats: Stadshuset, sammanträdesrum Norrsalen
Tid: 13:30–16:00
Beslutande ledamöter: Linda Högberg (S), Åsa Fält (M), Björn Sten (V)
Justeras den 24 februari 2020
§ 14 VON 2020/18
Internkontrollplan 2020
Nämnden beslutar
att fastställa internkontrollplan för 2020,
att uppdra åt förvaltningen att återrapportera i september.
""",
    cases=["VON 2020/18"],
    meeting="2020-02-19",
    document_date="2020-02-19",
    decisions=[
        "att fastställa internkontrollplan för 2020,",
        "att uppdra åt förvaltningen att återrapportera i september.",
    ],
    style="'Protokoll fört vid sammanträde' with written-out date, att-satser after 'Nämnden beslutar'",
)

probe(
    "strangnas_kf_protokollsutdrag_2018-06-18",
    "Strängnäs",
    "protokollsutdrag",
    "kommunfullmäktige",
    ["kommunfullmäktige", "kommunstyrelsen"],
    """
PROTOKOLLSUTDRAG
Kommunfullmäktige
Sammanträdesdatum 2018-06-18
§ 98 Dnr KS/2018:233-041
Delårsrapport per april 2018
Beslut
1. Delårsrapport per april 2018 godkänns.
2. Nämndernas åtgärdsplaner för budget i balans läggs till handlingarna.
Beslutsunderlag
Kommunstyrelsens protokoll 2018-05-28, § 141
Utdragsbestyrkande
Justerandes sign
""",
    cases=["KS/2018:233-041"],
    meeting="2018-06-18",
    document_date="2018-06-18",
    decisions=[
        "Delårsrapport per april 2018 godkänns.",
        "Nämndernas åtgärdsplaner för budget i balans läggs till handlingarna.",
    ],
    style="protokollsutdrag with numbered decision points and a decision reference that is no date of meeting",
)

probe(
    "tibro_ks_utdrag_2016-09-07",
    "Tibro",
    "protokollsutdrag",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
Utdrag ur protokoll
Kommunstyrelsen i Tibro
Sammanträdesdag: onsdag 7 september 2016
§ 143 Dnr 2016/KS 0211
Försäljning av del av fastigheten Tibro Häggen 1:4
Beslut
Kommunstyrelsen beslutar att sälja del av fastigheten Häggen 1:4 till Tibro Bygg AB för 380 000 kronor.
Rätt utdraget intygar
""",
    cases=["2016/KS 0211"],
    meeting="2016-09-07",
    document_date="2016-09-07",
    decisions=[
        "Kommunstyrelsen beslutar att sälja del av fastigheten Häggen 1:4 till Tibro Bygg AB för 380 000 kronor."
    ],
    style="utdrag, series after the year, property designation as hard negative",
)

probe(
    "vara_miljo_protokoll_2013-11-06",
    "Vara",
    "protokoll",
    "miljö- och byggnadsnämnden",
    ["miljö- och byggnadsnämnden"],
    """
VARA KOMMUN
Miljö- och byggnadsnämnden (MBN)
Sammanträdesprotokoll 2013-11-06
Plats och tid Kommunhuset Vara, kl 08.30 - 12.00
Beslutande Bengt Svensson (C), ordf., Inga Lo (S), Tor Axelsson (M)
Justerare Inga Lo
MBN § 112 Dnr 2013.145 MBN
Strandskyddsdispens för brygga
MBN beslutar att bevilja strandskyddsdispens för brygga enligt ansökan.
""",
    cases=["2013.145 MBN"],
    meeting="2013-11-06",
    document_date="2013-11-06",
    decisions=["MBN beslutar att bevilja strandskyddsdispens för brygga enligt ansökan."],
    style="abbreviation defined in the letterhead and used as the deciding body",
)

probe(
    "vetlanda_ksau_protokoll_2011-05-03",
    "Vetlanda",
    "protokoll",
    "kommunstyrelsens arbetsutskott",
    ["kommunstyrelsens arbetsutskott"],
    """
SAMMANTRÄDESPROTOKOLL
Kommunstyrelsens
arbetsutskott
2011-05-03
Plats och tid Stadshuset, Vetlanda, kl. 08.15–11.30
Beslutande Henrik Tvarnö (S) ordf, Anna Bergh (C), Lars Ögren (M)
Justerare Anna Bergh
Justeringens plats och tid Kommunledningskontoret 2011-05-05
KSAU § 61
Dnr 2011:117
Ansökan om föreningsbidrag
Arbetsutskottets beslut
Arbetsutskottet beviljar Vetlanda Konstförening 12 000 kronor.
""",
    cases=["2011:117"],
    meeting="2011-05-03",
    document_date="2011-05-03",
    decisions=["Arbetsutskottet beviljar Vetlanda Konstförening 12 000 kronor."],
    style="body name broken over two lines in the head",
)

probe(
    "amal_ks_protokoll_2010-01-27",
    "Åmål",
    "protokoll",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
ÅMÅLS KOMMUN
SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum
Kommunstyrelsen
27 januari 2010
Plats och tid
Stadshuset, sammanträdesrum Gamla Tingssalen, kl 13.00-17.00
Beslutande
Michael Karlsson (S), ordförande
Bo Andersson (M)
Justering
Stadshuset den 1 februari 2010
""",
    meeting="2010-01-27",
    document_date="2010-01-27",
    style="table cells read row-wise: label above the body name, date written out below",
)

probe(
    "habo_kf_protokoll_2024-04-22",
    "Håbo",
    "protokoll",
    "kommunfullmäktige",
    ["kommunfullmäktige"],
    """
Sammanträdesprotokoll
Kommunfullmäktige
Datum: 2024-04-22
Plats och tid: Kommunfullmäktigesalen, Centrumleden 1, Bålsta, klockan 18:00–20:45
Ledamöter: se närvaro- och omröstningslista, bilaga 1
Justerare: Owe Fröjd (S), Lisa Norén (M)
Justering: 2024-04-26
Sekreterare: Anders Wiklund
Ordförande: Pontus Vall (M)
Paragrafer: §§ 23–41
Anslagsbevis
Protokollet är justerat och har anslagits på kommunens digitala anslagstavla 2024-04-29.
""",
    meeting="2024-04-22",
    document_date="2024-04-22",
    style="modern Word template, 'klockan' times, digital anslagstavla",
)

probe(
    "knivsta_ks_protokoll_2019-12-09",
    "Knivsta",
    "protokoll",
    "kommunstyrelsen",
    ["kommunstyrelsen", "kommunfullmäktige"],
    """
Knivsta kommun
Protokoll 14
Kommunstyrelsen
Sammanträdesdatum: måndag 9 december 2019
Tid: 13:00-17:45
Plats: Sammanträdesrum Alsike, Centralvägen 18
§ 205 KS-2019/622
Detaljplan för Ängby 1:71, antagande
Kommunstyrelsens förslag till kommunfullmäktige
Kommunfullmäktige antar detaljplan för Ängby 1:71.
""",
    cases=["KS-2019/622"],
    meeting="2019-12-09",
    document_date="2019-12-09",
    decisions=["Kommunfullmäktige antar detaljplan för Ängby 1:71."],
    style="numbered protokoll (Protokoll 14), weekday date after the label",
)
# --- Kallelser and föredragningslistor ---------------------------------------------------------

probe(
    "hudiksvall_ks_kallelse_2022-03-15",
    "Hudiksvall",
    "kallelse/föredragningslista",
    "kommunstyrelsen",
    ["kommunstyrelsen", "kommunfullmäktige"],
    """
KALLELSE
Kommunstyrelsen
Tid: Tisdagen den 15 mars 2022 kl. 08.30
Plats: Stadshuset, Kommunstyrelsens sammanträdesrum
Ärenden
1. Val av justerare
2. Godkännande av dagordning
3. Årsredovisning 2021, Dnr KS 2022/87
Förslag till beslut
Kommunstyrelsen föreslår kommunfullmäktige att godkänna årsredovisningen för 2021.
4. Ny förbandsplats för ambulans, Dnr KS 2021/612
Förslag till beslut
Kommunstyrelsen beslutar att godkänna hyresavtalet.
Sara Mård (S)
Ordförande
Jens Backlund
Sekreterare
""",
    cases=["KS 2022/87", "KS 2021/612"],
    meeting="2022-03-15",
    decisions=[
        "Kommunstyrelsen föreslår kommunfullmäktige att godkänna årsredovisningen för 2021.",
        "Kommunstyrelsen beslutar att godkänna hyresavtalet.",
    ],
    style="Ciceron kallelse with proposals under each item",
)

probe(
    "bollnas_bun_kallelse_2017-05-30",
    "Bollnäs",
    "kallelse/föredragningslista",
    "bildningsnämnden",
    ["bildningsnämnden"],
    """
Kallelse till sammanträde med bildningsnämnden
Datum och tid: 2017-05-30 kl. 13.15
Plats: Bollnäs kommunhus, sal Orbaden
Föredragningslista
Nr Ärende Dnr
1 Upprop
2 Val av justerare
3 Skolskjutsriktlinjer 2017/2018 BIN 2017/112
4 Information om elevhälsans arbete
Förhinder anmäls till nämndsekreteraren.
""",
    cases=["BIN 2017/112"],
    meeting="2017-05-30",
    style="'Kallelse till sammanträde med …' and an item table with Dnr column",
)

probe(
    "kalix_kf_kungorelse_2018-02-12",
    "Kalix",
    "kallelse/föredragningslista",
    "kommunfullmäktige",
    ["kommunfullmäktige"],
    """
KUNGÖRELSE
Kommunfullmäktige sammanträder i Kalix Folkets Hus, stora salen
måndagen den 12 februari 2018 kl. 09.00
Ärenden
1. Val av protokollsjusterare
2. Allmänhetens frågestund
3. Motion om gratis simundervisning
4. Medborgarförslag om hundrastgård i Näsbyn
Sammanträdet är öppet för allmänheten.
Lars Ekman
Ordförande
""",
    meeting="2018-02-12",
    style="KF kungörelse in the local paper style",
)

probe(
    "mora_miljo_foredragningslista_2021-11-04",
    "Mora",
    "kallelse/föredragningslista",
    "miljö- och byggnadsnämnden",
    ["miljö- och byggnadsnämnden"],
    """
Mora kommun
FÖREDRAGNINGSLISTA
Miljö- och byggnadsnämnden
Sammanträdesdatum: 2021-11-04
Tid: 09:00
Plats: Mora kommunhus, rum Siljan
§ Ärende Diarienummer
1 Sammanträdets öppnande
2 Budgetuppföljning oktober MBN 2021-00214
3 Tillsynsplan 2022 MBN 2021-00233
4 Delegationsbeslut
""",
    cases=["MBN 2021-00214", "MBN 2021-00233"],
    meeting="2021-11-04",
    document_date="2021-11-04",
    style="Netpublicator föredragningslista with a Diarienummer column",
)

probe(
    "regionvarmland_rf_kallelse_2023-06-13",
    "Region Värmland",
    "kallelse/föredragningslista",
    "regionfullmäktige",
    ["regionfullmäktige", "regionstyrelsen"],
    """
Kallelse
Regionfullmäktige
Datum: 13–14 juni 2023
Tid: 13 juni kl. 09.30, 14 juni kl. 09.00
Plats: Karlstad CCC
Ärendelista
1 Val av justerare och tid för justering
2 Årsredovisning 2022 för Region Värmland RV2023-00412
Regionstyrelsens förslag till regionfullmäktige
Regionfullmäktige godkänner årsredovisningen 2022.
3 Interpellationer
""",
    cases=["RV2023-00412"],
    meeting="2023-06-13",
    decisions=["Regionfullmäktige godkänner årsredovisningen 2022."],
    style="regional kallelse over two days (first day is the meeting date), glued series",
)

probe(
    "ronneby_kf_kallelse_2016-10-27",
    "Ronneby",
    "kallelse/föredragningslista",
    "kommunfullmäktige",
    ["kommunfullmäktige", "kommunstyrelsen"],
    """
Kallelse/underrättelse
Kommunfullmäktige kallas till sammanträde i Ronneby, Stadshuset, Kommunfullmäktigesalen
torsdagen den 27 oktober 2016, klockan 18:00
Ärende Diarienummer
1 Upprop
2 Val av protokollsjusterare
3 Motion från Nicolas Westrup (SD) om kameraövervakning 2016/220
4 Kommunstyrelsens förslag till beslut om budgetramar 2017 2016/301
Roger Fredriksson
Ordförande
""",
    cases=["2016/220", "2016/301"],
    meeting="2016-10-27",
    style="'kallas till sammanträde' with unlabelled case numbers at line ends",
)

probe(
    "karlshamn_ksau_dagordning_2019-08-20",
    "Karlshamn",
    "kallelse/föredragningslista",
    "kommunstyrelsens arbetsutskott",
    ["kommunstyrelsens arbetsutskott"],
    """
Dagordning
Kommunstyrelsens arbetsutskott 2019-08-20
Plats och tid: Rådhuset, Karlshamn, kl. 08:30
Punkt Ärende
1. Ekonomisk uppföljning juli 2019 (2019/1450)
2. Yttrande över revisionsrapport (2019/1311)
3. Anmälningsärenden
""",
    cases=["2019/1450", "2019/1311"],
    meeting="2019-08-20",
    document_date="2019-08-20",
    style="dagordning, case numbers in brackets",
)

# --- Tjänsteskrivelser ----------------------------------------------------------------------------

probe(
    "hoganas_sbn_tjansteskrivelse_2020-08-12",
    "Höganäs",
    "tjänsteskrivelse",
    "samhällsbyggnadsnämnden",
    ["samhällsbyggnadsnämnden"],
    """
TJÄNSTESKRIVELSE
Datum 2020-08-12
Diarienummer SBN 2020/301
Samhällsbyggnadsförvaltningen
Handläggare Ola Gren
Samhällsbyggnadsnämnden
Trafiksäkerhetsåtgärder på Storgatan
Förslag till beslut
Samhällsbyggnadsnämnden beslutar att genomföra trafiksäkerhetsåtgärder på Storgatan enligt förvaltningens förslag.
Sammanfattning
Förvaltningen har utrett hastighetssänkande åtgärder.
Beslutsunderlag
Tjänsteskrivelse 2020-08-12
""",
    cases=["SBN 2020/301"],
    document_date="2020-08-12",
    decisions=[
        "Samhällsbyggnadsnämnden beslutar att genomföra trafiksäkerhetsåtgärder på Storgatan enligt förvaltningens förslag."
    ],
    style="Public 360 tjänsteskrivelse: label/value head, recipient body on its own line",
)

probe(
    "angelholm_ks_tjansteskrivelse_2018-01-09",
    "Ängelholm",
    "tjänsteskrivelse",
    "kommunstyrelsen",
    ["kommunstyrelsen", "kommunfullmäktige"],
    """
Kommunledningsförvaltningen
Tjänsteskrivelse
2018-01-09
Dnr: KS 2017/648
Kommunstyrelsen
Svar på motion om fler laddstolpar
Förslag till beslut
Kommunstyrelsen föreslår kommunfullmäktige besluta
- att motionen ska anses besvarad.
Ärendebeskrivning
Anna Ek (MP) har i en motion föreslagit att kommunen bygger fler laddstolpar.
""",
    cases=["KS 2017/648"],
    document_date="2018-01-09",
    decisions=["att motionen ska anses besvarad."],
    style="att-sats with a dash bullet",
)

probe(
    "lomma_bun_tjansteutlatande_2021-09-02",
    "Lomma",
    "tjänsteskrivelse",
    "barn- och utbildningsnämnden",
    ["barn- och utbildningsnämnden"],
    """
Tjänsteutlåtande
Barn- och utbildningsnämnden
2021-09-02
Vår beteckning: BUN/2021:188
Kvalitetsrapport förskola 2020/2021
Förslag till beslut
Barn- och utbildningsnämnden godkänner kvalitetsrapporten för förskolan läsåret 2020/2021.
Bakgrund
Enligt skollagen ska huvudmannen systematiskt följa upp verksamheten.
""",
    cases=["BUN/2021:188"],
    document_date="2021-09-02",
    decisions=[
        "Barn- och utbildningsnämnden godkänner kvalitetsrapporten för förskolan läsåret 2020/2021."
    ],
    style="tjänsteutlåtande, 'Vår beteckning', a school-year range as hard negative",
)

probe(
    "staffanstorp_ks_tjansteskrivelse_2019-04-23",
    "Staffanstorp",
    "tjänsteskrivelse",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
Staffanstorps kommun
Tjänsteskrivelse
Datum: den 23 april 2019
Ärendenummer: KS 2019/0212
Till: Kommunstyrelsen
Från: Ekonomiavdelningen
Ärende: Revidering av attestreglemente
Förslag till beslut
Kommunstyrelsen föreslås besluta
att anta reviderat attestreglemente, samt
att reglementet börjar gälla den 1 juni 2019.
""",
    cases=["KS 2019/0212"],
    document_date="2019-04-23",
    decisions=[
        "att anta reviderat attestreglemente, samt",
        "att reglementet börjar gälla den 1 juni 2019.",
    ],
    style="Till/Från head, 'föreslås besluta' with att-satser",
)

probe(
    "sjobo_tn_tjansteskrivelse_2015-06-15",
    "Sjöbo",
    "tjänsteskrivelse",
    "tekniska nämnden",
    ["tekniska nämnden", "kommunfullmäktige"],
    """
Sjöbo kommun Tjänsteskrivelse 1 (2)
Tekniska förvaltningen Datum Diarienummer
2015-06-15 TN 2015/53
Tekniska nämnden
Taxa för vatten och avlopp 2016
Beslutsunderlag
Tjänsteskrivelse daterad 2015-06-15
Förslag till beslut
 att föreslå kommunfullmäktige att anta taxa för vatten och avlopp enligt bilaga
 att taxan gäller från och med 2016-01-01
""",
    cases=["TN 2015/53"],
    document_date="2015-06-15",
    decisions=[
        "att föreslå kommunfullmäktige att anta taxa för vatten och avlopp enligt bilaga",
        "att taxan gäller från och med 2016-01-01",
    ],
    style="Platina header table read row-wise (labels, then values), Symbol-font bullets",
)

probe(
    "tomelilla_kfn_tjansteskrivelse_2022-02-01",
    "Tomelilla",
    "tjänsteskrivelse",
    "kultur- och fritidsnämnden",
    ["kultur- och fritidsnämnden"],
    """
TJÄNSTESKRIVELSE
2022-02-01
KFN 2022/14
Kultur- och fritidsnämnden
Föreningsbidrag 2022
Ärendebeskrivning
Nämnden fördelar årligen bidrag till föreningar.
Förslag till beslut
1. Kultur- och fritidsnämnden fördelar föreningsbidrag för 2022 enligt bilaga 1.
2. Beslutet gäller under förutsättning att budgeten fastställs.
Beslutet skickas till
Berörda föreningar
""",
    cases=["KFN 2022/14"],
    document_date="2022-02-01",
    decisions=[
        "Kultur- och fritidsnämnden fördelar föreningsbidrag för 2022 enligt bilaga 1.",
        "Beslutet gäller under förutsättning att budgeten fastställs.",
    ],
    style="unlabelled date and case number in the head, numbered proposals",
)

probe(
    "simrishamn_ks_tjansteskrivelse_2017-10-04",
    "Simrishamn",
    "tjänsteskrivelse",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
Datum
2017-10-04
Vår referens
Lena Sten
Kommunjurist
lena.sten@simrishamn.se
Tjänsteskrivelse
Antagande av reviderad delegationsordning
KS 2017/388
Sammanfattning
Delegationsordningen behöver anpassas till den nya kommunallagen.
Förslag till beslut
Kommunstyrelsen antar reviderad delegationsordning enligt bilaga.
""",
    cases=["KS 2017/388"],
    document_date="2017-10-04",
    decisions=["Kommunstyrelsen antar reviderad delegationsordning enligt bilaga."],
    style="Malmö-like memo head with Vår referens block before the title",
)

probe(
    "kumla_on_tjansteskrivelse_2014-03-11",
    "Kumla",
    "tjänsteskrivelse",
    "omsorgsnämnden",
    ["omsorgsnämnden"],
    """
KUMLA KOMMUN
Vård- och omsorgsförvaltningen
TJÄNSTESKRIVELSE
Datum 11 mars 2014
Dnr ON 2014.0032
Till omsorgsnämnden
Lex Sarah-rapport, särskilt boende Kvarnen
Förslag till beslut
Omsorgsnämnden beslutar att lägga rapporten till handlingarna.
Bakgrund
Enligt 14 kap. 3 § SoL ska missförhållanden rapporteras.
""",
    cases=["ON 2014.0032"],
    document_date="2014-03-11",
    decisions=["Omsorgsnämnden beslutar att lägga rapporten till handlingarna."],
    style="'Till omsorgsnämnden' as recipient, law reference as hard negative",
)

probe(
    "hallsberg_ks_beslutsunderlag_2012-08-28",
    "Hallsberg",
    "tjänsteskrivelse",
    "kommunstyrelsen",
    ["kommunstyrelsen", "kommunfullmäktige"],
    """
Beslutsunderlag
Kommunstyrelsen
Sammanträdesdatum 2012-09-11
Datum 2012-08-28
Dnr 2012/KS0188
Ändring av renhållningstaxa
Förslag till beslut
Kommunstyrelsen föreslår att kommunfullmäktige beslutar
att fastställa renhållningstaxa enligt bilaga,
att taxan träder i kraft 1 januari 2013.
""",
    cases=["2012/KS0188"],
    meeting="2012-09-11",
    document_date="2012-08-28",
    decisions=[
        "att fastställa renhållningstaxa enligt bilaga,",
        "att taxan träder i kraft 1 januari 2013.",
    ],
    style="beslutsunderlag with both the meeting it goes to and its own date",
)

probe(
    "koping_sbn_tjansteskrivelse_2023-05-16",
    "Köping",
    "tjänsteskrivelse",
    "samhällsbyggnadsnämnden",
    ["samhällsbyggnadsnämnden"],
    """
Tjänsteskrivelse
Samhällsbyggnadsnämnden (SBN)
Handläggare: Per Ahl
Datum: 2023-05-16
Diarienr: SBN 2023-000145
Ansökan om planbesked för Ullvi 3:12
Förslag till beslut
SBN ger positivt planbesked för Ullvi 3:12.
Ärendet
Fastighetsägaren har ansökt om planbesked för bostäder.
""",
    cases=["SBN 2023-000145"],
    document_date="2023-05-16",
    decisions=["SBN ger positivt planbesked för Ullvi 3:12."],
    style="abbreviation defined after the body name and used as subject of the proposal",
)

probe(
    "fagersta_ks_tjansteskrivelse_2016-11-02",
    "Fagersta",
    "tjänsteskrivelse",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
FAGERSTA KOMMUN
Kommunstyrelseförvaltningen
2016-11-02
KS 2016/227 - 003
Handläggare: Jan Ros
Tjänsteskrivelse
Kommunstyrelsen
Riktlinjer för representation
Förslag till beslut
Kommunstyrelsen antar riktlinjer för representation och gåvor enligt bilaga 1.
""",
    cases=["KS 2016/227 - 003"],
    document_date="2016-11-02",
    decisions=["Kommunstyrelsen antar riktlinjer för representation och gåvor enligt bilaga 1."],
    style="unlabelled date and case number with a spaced filing code",
)
# --- Yttranden and remissvar -------------------------------------------------------------------

probe(
    "enkoping_ks_yttrande_2020-03-30",
    "Enköping",
    "yttrande",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
Yttrande
Datum: 2020-03-30
Diarienummer: KS2020/142
Regeringskansliet
Infrastrukturdepartementet
Yttrande över betänkandet En ny regional planering (SOU 2021:1)
Ert diarienummer: I2020/00281
Enköpings kommun har beretts tillfälle att yttra sig över rubricerat betänkande.
Kommunstyrelsen ställer sig positiv till förslaget.
För kommunstyrelsen
Ingvar Smedlund
Kommunstyrelsens ordförande
""",
    cases=["KS2020/142"],
    document_date="2020-03-30",
    style="remissvar to a ministry: their number and an SOU as hard negatives",
)

probe(
    "nykoping_miljo_remissvar_2019-05-06",
    "Nyköping",
    "yttrande",
    "miljö- och samhällsnämnden",
    ["miljö- och samhällsnämnden"],
    """
REMISSVAR
2019-05-06
MSN-2019-000512
Länsstyrelsen Södermanlands län
Remissvar – förslag till åtgärdsprogram för miljömålen
Er beteckning 501-2236-2019
Miljö- och samhällsnämnden har tagit del av förslaget och lämnar följande synpunkter.
""",
    cases=["MSN-2019-000512"],
    document_date="2019-05-06",
    style="remissvar with Länsstyrelsen's number as hard negative",
)

probe(
    "oxelosund_kf_yttrande_2021-10-20",
    "Oxelösund",
    "yttrande",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
Kommunstyrelsens yttrande
Datum 2021-10-20
Dnr KS.2021.211
Till Trafikverket
Yttrande angående samrådsunderlag för väg 53
Oxelösunds kommun har tagit del av samrådsunderlaget.
Kommunstyrelsen
Catharina Fredriksson
Ordförande
""",
    cases=["KS.2021.211"],
    document_date="2021-10-20",
    style="'Kommunstyrelsens yttrande' as the heading, dotted case number",
)

probe(
    "regionostergotland_rs_remissvar_2022-11-29",
    "Region Östergötland",
    "yttrande",
    "regionstyrelsen",
    ["regionstyrelsen"],
    """
Region Östergötland
Regionstyrelsen
Svar på remiss
Datum: 2022-11-29
Diarienummer: RS 2022-781
Socialdepartementet
Remiss av promemorian Nationell digital infrastruktur för vård och omsorg (S2022/03462)
Sammanfattning
Region Östergötland tillstyrker förslaget i huvudsak.
""",
    cases=["RS 2022-781"],
    document_date="2022-11-29",
    style="'Svar på remiss' from a region, ministry number in brackets",
)

# --- Beslut and delegationsbeslut ---------------------------------------------------------------

probe(
    "ljungby_sn_beslut_2019-07-03",
    "Ljungby",
    "beslut",
    "socialnämnden",
    ["socialnämnden"],
    """
BESLUT
Datum 2019-07-03
Dnr SN 2019/0144
Socialnämnden
Serveringstillstånd för Restaurang Lagan AB
Beslut
Socialnämnden beviljar Restaurang Lagan AB, 556677-8899, stadigvarande serveringstillstånd för allmänheten.
Hur man överklagar
Beslutet kan överklagas hos förvaltningsrätten i Växjö.
""",
    cases=["SN 2019/0144"],
    document_date="2019-07-03",
    decisions=[
        "Socialnämnden beviljar Restaurang Lagan AB, 556677-8899, stadigvarande serveringstillstånd för allmänheten."
    ],
    style="beslut letter with org.nr as hard negative and an appeal clause",
)

probe(
    "almhult_bmn_beslut_2020-12-01",
    "Älmhult",
    "beslut",
    "miljö- och byggnämnden",
    ["miljö- och byggnämnden"],
    """
Älmhults kommun
Miljö- och byggnämnden
Beslut
2020-12-01
Ärendenummer: MB 2020-1187
Fastighet: Älmhult Haganäs 2:14
Föreläggande om åtgärder för enskild avloppsanläggning
Miljö- och byggnämndens beslut
Miljö- och byggnämnden förelägger fastighetsägaren att senast 2021-06-30 åtgärda avloppsanläggningen.
""",
    cases=["MB 2020-1187"],
    document_date="2020-12-01",
    decisions=[
        "Miljö- och byggnämnden förelägger fastighetsägaren att senast 2021-06-30 åtgärda avloppsanläggningen."
    ],
    style="myndighetsbeslut with property designation and deadline date",
)

probe(
    "tingsryd_ks_delegationsbeslut_2018-04-09",
    "Tingsryd",
    "delegationsbeslut",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
DELEGATIONSBESLUT
Kommunstyrelsen
Datum: 2018-04-09
Dnr: 2018/198
Beslutsfattare: Kommunchef Kalle Sund
Delegationspunkt 4.2 i kommunstyrelsens delegationsordning
Ärende: Yttrande över ansökan om tillstånd för allmän sammankomst
Beslut
Kommunen har inget att erinra mot ansökan.
Beslutet ska anmälas till kommunstyrelsen.
""",
    cases=["2018/198"],
    document_date="2018-04-09",
    decisions=["Kommunen har inget att erinra mot ansökan."],
    style="delegationsbeslut form with Beslutsfattare and Delegationspunkt",
)

probe(
    "emmaboda_bun_delegation_2021-02-22",
    "Emmaboda",
    "delegationsbeslut",
    "barn- och utbildningsnämnden",
    ["barn- och utbildningsnämnden"],
    """
Redovisning av delegationsbeslut
Barn- och utbildningsnämnden 2021-02-22
Beslut fattade under perioden 2021-01-01 -- 2021-01-31
Nr Datum Beslut Delegat
1 2021-01-12 Skolskjuts beviljas, BUN 2021/4 Rektor
2 2021-01-19 Mottagande i grundsärskola, BUN 2021/9 Förvaltningschef
""",
    cases=["BUN 2021/4", "BUN 2021/9"],
    meeting="2021-02-22",
    document_date="2021-02-22",
    style="list of delegation decisions for a meeting",
)

# --- Motion, medborgarförslag, interpellation ----------------------------------------------------

probe(
    "torsby_kf_motion_2016-03-02",
    "Torsby",
    "motion",
    "kommunfullmäktige",
    ["kommunfullmäktige"],
    """
Motion om gratis kollektivtrafik för pensionärer
Till kommunfullmäktige i Torsby kommun
Många äldre i vår kommun saknar bil. Jag föreslår därför kommunfullmäktige besluta
att utreda kostnaden för fri kollektivtrafik för personer över 75 år,
att resultatet redovisas för kommunfullmäktige senast i december 2016.
Torsby den 2 mars 2016
Britt Nygren (V)
""",
    document_date="2016-03-02",
    decisions=[
        "att utreda kostnaden för fri kollektivtrafik för personer över 75 år,",
        "att resultatet redovisas för kommunfullmäktige senast i december 2016.",
    ],
    style="motion with place-and-date line at the end",
)

probe(
    "saffle_kf_medborgarforslag_2019-09-10",
    "Säffle",
    "medborgarförslag",
    None,
    [],
    """
Medborgarförslag om belysning längs gång- och cykelvägen vid Byälven
Inkom: 2019-09-10
Dnr: KS 2019/356
Förslag
Jag föreslår att kommunen sätter upp belysning längs gång- och cykelvägen mellan Ekenäs och centrum.
Motivering
Vägen är mörk och otrygg under vinterhalvåret.
""",
    cases=["KS 2019/356"],
    style="web form of a medborgarförslag; Inkom is the registration date, not a document date",
)

probe(
    "kil_kf_interpellation_2020-04-16",
    "Kil",
    "interpellation",
    "kommunfullmäktige",
    ["kommunfullmäktige", "kommunstyrelsen"],
    """
Interpellation till kommunstyrelsens ordförande
Angående: Kommunens beredskap inför sommarens skolavslutning
Till kommunfullmäktige den 16 april 2020
Med anledning av pandemin vill jag ställa följande frågor till kommunstyrelsens ordförande:
1. Hur säkerställs att skolavslutningarna kan genomföras?
2. Vilka åtgärder har vidtagits?
Mikael Dahl (KD)
""",
    style="interpellation addressed to a chair, with the KF meeting named in the text",
)

probe(
    "nybro_kf_motion_2022-01-24",
    "Nybro",
    "motion",
    "kommunfullmäktige",
    ["kommunfullmäktige", "kommunstyrelsen"],
    """
MOTION
Fler platser i sommarjobb för unga
Sverigedemokraterna i Nybro yrkar att kommunfullmäktige beslutar
- att antalet feriepraktikplatser utökas till 250,
- att finansiering sker inom ramen för kommunstyrelsens budget.
Nybro 2022-01-24
Lina Ström (SD)
""",
    cases=[],
    document_date="2022-01-24",
    decisions=[
        "att antalet feriepraktikplatser utökas till 250,",
        "att finansiering sker inom ramen för kommunstyrelsens budget.",
    ],
    style="MOTION heading on its own line, dash-bulleted att-satser",
)

# --- Årsredovisning, delårsrapport, revisionsberättelse --------------------------------------------

probe(
    "torsas_kommun_arsredovisning_2019",
    "Torsås",
    "årsredovisning",
    None,
    ["kommunfullmäktige", "kommunstyrelsen"],
    """
Årsredovisning 2019
Torsås kommun
Innehåll
Kommunstyrelsens ordförande har ordet 3
Förvaltningsberättelse 5
Kommunens organisation 8
Resultaträkning 31
Balansräkning 32
Årsredovisningen godkändes av kommunfullmäktige den 27 april 2020.
""",
    style="annual report cover and table of contents",
)

probe(
    "gotland_rs_delarsrapport_2021-08-31",
    "Region Gotland",
    "delårsrapport",
    None,
    ["regionstyrelsen"],
    """
Region Gotland
Delårsrapport per augusti 2021
Fastställd av regionstyrelsen 2021-10-20
RS 2021/47
Inledning
Delårsrapporten omfattar perioden januari–augusti 2021.
""",
    cases=["RS 2021/47"],
    document_date="2021-10-20",
    style="delårsrapport with 'Fastställd av' date",
)

probe(
    "lidkoping_kommun_revisionsberattelse_2018",
    "Lidköping",
    "revisionsberättelse",
    None,
    ["kommunfullmäktige", "kommunstyrelsen"],
    """
Revisionsberättelse för år 2018
Till fullmäktige i Lidköpings kommun, org.nr 212000-1561
Vi, av fullmäktige utsedda revisorer, har granskat den verksamhet som bedrivs i styrelse och nämnder.
Vi tillstyrker att fullmäktige beviljar ansvarsfrihet för kommunstyrelsen och nämnderna samt de enskilda ledamöterna i dessa organ.
Lidköping den 3 april 2019
Kent Hult Gun Ek Ove Sten
""",
    document_date="2019-04-03",
    style="revisionsberättelse with org.nr; 'fullmäktige' used bare",
)

probe(
    "region_sormland_rf_arsredovisning_2022",
    "Region Sörmland",
    "årsredovisning",
    None,
    ["regionfullmäktige"],
    """
Årsredovisning 2022
Region Sörmland
Diarienummer: RS-LED22-1011
Beslutad av regionfullmäktige 2023-04-12
Regiondirektören har ordet
2022 blev ännu ett år präglat av omställning.
""",
    cases=["RS-LED22-1011"],
    document_date="2023-04-12",
    style="region annual report with a decision line",
)

# --- Beslut i korthet and other web pages --------------------------------------------------------

probe(
    "hoor_kf_beslutsreferat_2017-12-18",
    "Höör",
    "beslutsreferat",
    "kommunfullmäktige",
    ["kommunfullmäktige"],
    """
Beslut i korthet från kommunfullmäktige 18 december 2017
Publicerad 19 december 2017
Här är några av besluten från måndagens sammanträde.
Budget 2018
Kommunfullmäktige antog budget för 2018 med plan för 2019–2020.
Ny förskola i Tjörnarp
Kommunfullmäktige beslutade att bygga en ny förskola i Tjörnarp.
Protokollet justeras den 22 december.
""",
    meeting="2017-12-18",
    document_date="2017-12-19",
    decisions=[
        "Kommunfullmäktige antog budget för 2018 med plan för 2019–2020.",
        "Kommunfullmäktige beslutade att bygga en ny förskola i Tjörnarp.",
    ],
    style="web 'Beslut i korthet' page with a publication date",
)

probe(
    "vingaker_ks_beslutsreferat_2021-05-05",
    "Vingåker",
    "beslutsreferat",
    "kommunstyrelsen",
    ["kommunstyrelsen", "kommunfullmäktige"],
    """
Kommunstyrelsen i korthet
Kommunstyrelsen sammanträdde onsdagen den 5 maj 2021. Här är några av de ärenden som behandlades.
Taxa för bygglov
Kommunstyrelsen föreslår kommunfullmäktige att anta ny plan- och bygglovstaxa.
Medborgarförslag om utegym
Medborgarförslaget avslogs.
Senast uppdaterad: 2021-05-07
""",
    meeting="2021-05-05",
    decisions=[
        "Kommunstyrelsen föreslår kommunfullmäktige att anta ny plan- och bygglovstaxa.",
        "Medborgarförslaget avslogs.",
    ],
    style="web summary, 'sammanträdde' with a weekday date, update date as chrome",
)

probe(
    "flen_kf_nyheter_2015-02-23",
    "Flen",
    "beslutsreferat",
    "kommunfullmäktige",
    ["kommunfullmäktige", "kommunstyrelsen"],
    """
Nyheter
Fullmäktige sa ja till ny simhall
2015-02-24
Vid kommunfullmäktiges sammanträde den 23 februari 2015 beslutades att en ny simhall ska byggas i Flen.
Kommunfullmäktige beslutade att ge kommunstyrelsen i uppdrag att upphandla en totalentreprenad.
""",
    meeting="2015-02-23",
    document_date="2015-02-24",
    decisions=[
        "Kommunfullmäktige beslutade att ge kommunstyrelsen i uppdrag att upphandla en totalentreprenad."
    ],
    style="news item about a KF decision",
)
# --- Kommunalförbund, companies, utskott, beredningar ----------------------------------------------

probe(
    "rsyd_direktion_protokoll_2019-10-17",
    "Räddningstjänsten Syd",
    "protokoll",
    "direktionen",
    ["direktionen"],
    """
Räddningstjänsten Syd
Protokoll
Direktionen
Datum: 2019-10-17
Tid: 09.00–11.30
Plats: Räddningsstationen, Malmö
Närvarande ledamöter: Stefan Plath (S), ordförande, Lars Nyborg (L), Ulf Dahl (M)
Justerare: Lars Nyborg
§ 48 Budget 2020
Direktionens beslut
Direktionen fastställer budget 2020 enligt förslag.
""",
    meeting="2019-10-17",
    document_date="2019-10-17",
    decisions=["Direktionen fastställer budget 2020 enligt förslag."],
    style="kommunalförbund direktion protokoll",
)

probe(
    "sydarkivera_forbundsstyrelse_protokoll_2020-06-04",
    "Kommunalförbundet Sydarkivera",
    "protokoll",
    "förbundsstyrelsen",
    ["förbundsstyrelsen", "förbundsfullmäktige"],
    """
Kommunalförbundet Sydarkivera
PROTOKOLL
Förbundsstyrelsen
Sammanträdesdatum: 2020-06-04
Plats: Digitalt möte
§ 31 Dnr 2020/0034
Förslag till förbundsordning
Beslut
Förbundsstyrelsen föreslår förbundsfullmäktige att anta förbundsordningen.
""",
    cases=["2020/0034"],
    meeting="2020-06-04",
    document_date="2020-06-04",
    decisions=["Förbundsstyrelsen föreslår förbundsfullmäktige att anta förbundsordningen."],
    style="förbundsstyrelse of a kommunalförbund",
)

probe(
    "tierpsenergi_styrelse_protokoll_2018-03-15",
    "Tierp",
    "protokoll",
    None,
    [],
    """
Protokoll fört vid styrelsesammanträde i Tierps Energi & Miljö AB
Datum: 2018-03-15
Plats: Bolagets kontor, Tierp
Närvarande: Hans Ask (ordf.), Carin Lind, Roger Öst
§ 5 Årsredovisning 2017
Styrelsen beslutade att godkänna årsredovisningen för 2017 och överlämna den till revisorerna.
Vid protokollet
Sara Falk
""",
    meeting="2018-03-15",
    document_date="2018-03-15",
    decisions=[
        "Styrelsen beslutade att godkänna årsredovisningen för 2017 och överlämna den till revisorerna."
    ],
    style="municipal company board minutes",
)

probe(
    "samordningsforbundet_protokoll_2017-09-27",
    "Samordningsförbundet Västra Skaraborg",
    "protokoll",
    None,
    [],
    """
Samordningsförbundet Västra Skaraborg
Protokoll från styrelsemöte 2017-09-27
Närvarande: Anna Holm (ordf.), Bo Kvist, Lena Frid
Justerare: Bo Kvist
§ 22 Verksamhetsplan 2018
Styrelsen beslutar
att anta verksamhetsplan och budget för 2018.
""",
    meeting="2017-09-27",
    document_date="2017-09-27",
    decisions=["att anta verksamhetsplan och budget för 2018."],
    style="samordningsförbund styrelsemöte",
)

probe(
    "eslov_beredning_protokoll_2015-11-10",
    "Eslöv",
    "protokoll",
    "beredningen för hållbar utveckling",
    ["beredningen för hållbar utveckling", "kommunfullmäktige"],
    """
PROTOKOLL
Beredningen för hållbar utveckling
Sammanträdesdatum 2015-11-10
Plats och tid: Stadshuset, kl. 17.30-19.45
§ 18
Rapport till kommunfullmäktige
Beredningens beslut
Beredningen överlämnar rapporten till kommunfullmäktige.
""",
    meeting="2015-11-10",
    document_date="2015-11-10",
    decisions=["Beredningen överlämnar rapporten till kommunfullmäktige."],
    style="KF beredning, a body name with 'för' after the head",
)

probe(
    "regionkronoberg_rsau_protokoll_2016-02-09",
    "Region Kronoberg",
    "protokoll",
    "regionstyrelsens arbetsutskott",
    ["regionstyrelsens arbetsutskott", "regionstyrelsen"],
    """
Region Kronoberg
Protokoll
Regionstyrelsens arbetsutskott
Tid: Tisdagen den 9 februari 2016, kl. 09:00–12:00
Plats: Regionhuset Växjö, sal Ödmården
§ 12 RK 2016/0098
Investeringsram fastighet 2016
Regionstyrelsens arbetsutskotts förslag till regionstyrelsen
Regionstyrelsen godkänner investeringsramen för fastigheter 2016.
""",
    cases=["RK 2016/0098"],
    meeting="2016-02-09",
    document_date="2016-02-09",
    decisions=["Regionstyrelsen godkänner investeringsramen för fastigheter 2016."],
    style="regional arbetsutskott, genitive of the utskott before 'förslag'",
)

probe(
    "kungalv_skolutskott_protokoll_2014-09-03",
    "Kungälv",
    "protokoll",
    "utbildningsutskottet",
    ["utbildningsutskottet", "kommunstyrelsen"],
    """
Kungälvs kommun
Utbildningsutskottet
Protokoll
Sammanträdesdatum 2014-09-03
§ 41 Dnr KS2014/1022
Skolplacering i Ytterby
Utskottets beslut
Utbildningsutskottet föreslår kommunstyrelsen besluta att ändra upptagningsområdet för Ytterbyskolan.
""",
    cases=["KS2014/1022"],
    meeting="2014-09-03",
    document_date="2014-09-03",
    decisions=[
        "Utbildningsutskottet föreslår kommunstyrelsen besluta att ändra upptagningsområdet för Ytterbyskolan."
    ],
    style="a KS utskott named by its subject",
)

# --- More decision wordings and broken PDF text ---------------------------------------------------

probe(
    "sandviken_ks_protokoll_2019-05-13",
    "Sandviken",
    "protokoll",
    "kommunstyrelsen",
    ["kommunstyrelsen", "kommunfullmäktige"],
    """
Sandvikens kommun SAMMANTRÄDESPROTOKOLL
Kommunstyrelsen 2019-05-13
§ 92 Dnr KS 2019/146
Policy för hållbar utveckling
Kommunstyrelsen beslutar enligt förslaget.
§ 93 Dnr KS 2019/150
Sammanträdesplan 2020
Kommunstyrelsens beslut
- Sammanträdesplan för 2020 fastställs.
- Kommunfullmäktige informeras om planen.
""",
    cases=["KS 2019/146", "KS 2019/150"],
    meeting="2019-05-13",
    document_date="2019-05-13",
    decisions=[
        "Kommunstyrelsen beslutar enligt förslaget.",
        "Sammanträdesplan för 2020 fastställs.",
        "Kommunfullmäktige informeras om planen.",
    ],
    style="'beslutar enligt förslaget' and dash-bulleted decision points",
)

probe(
    "hedemora_sbn_protokoll_docplayer_2013-04-18",
    "Hedemora",
    "protokoll",
    "samhällsbyggnadsnämnden",
    ["samhällsbyggnadsnämnden"],
    """
1 SAMMANTRÄDESPROTOKOLL Sammanträdesdatum Samhällsbyggnads- nämnden 2013-04-18 Plats och tid Stadshuset,
sammanträdes- rummet Brunnsbo kl 14.00-16.30 Beslutande Jan-Erik Ljung (S), ordförande Eva Sten (C) Justerare Eva
Sten Justeringens plats och tid Stadshuset 2013-04-23 Underskrifter Sekreterare Paragrafer 45-60 2 § 45 Dnr SBN
2013/77 Ansökan om bygglov för förråd Beslut Samhällsbyggnadsnämnden beviljar bygglov enligt ansökan. Beslutet
skickas till Sökanden
""",
    cases=["SBN\n2013/77"],
    meeting="2013-04-18",
    document_date="2013-04-18",
    decisions=["Samhällsbyggnadsnämnden beviljar bygglov enligt ansökan."],
    style="DocPlayer text with hyphenated body name across a soft break, case number split over lines",
)

probe(
    "kramfors_kf_protokoll_2017-06-19",
    "Kramfors",
    "protokoll",
    "kommunfullmäktige",
    ["kommunfullmäktige"],
    """
KRAMFORS KOMMUN
Kommunfullmäktige
Protokoll
2017-06-19
§ 77 KS 2017/312
Ny förskola i Nyland
Kommunfullmäktige beslutar
att godkänna investering om 42 miljoner kronor för ny förskola i Nyland,
att finansiering sker genom upplåning.
Reservation
Sverigedemokraternas ledamöter reserverar sig mot beslutet.
""",
    cases=["KS 2017/312"],
    meeting="2017-06-19",
    document_date="2017-06-19",
    decisions=[
        "att godkänna investering om 42 miljoner kronor för ny förskola i Nyland,",
        "att finansiering sker genom upplåning.",
    ],
    style="KF beslutar with att-satser and a reservation after",
)

probe(
    "timra_ks_protokoll_2014-02-04",
    "Timrå",
    "protokoll",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
TIMRÅ KOMMUN
Kommunstyrelsen
PROTOKOLL
Sammanträdesdag 2014-02-04
§ 15 Dnr 2014:21
Ändrad tid för sammanträde
Ordföranden föreslår att sammanträdet den 4 mars flyttas till den 11 mars 2014.
Kommunstyrelsen bifaller ordförandens förslag.
§ 16 Dnr 2013:488
Redovisning av uppdrag om skolskjutsar
Redovisningen godkänns.
""",
    cases=["2014:21", "2013:488"],
    meeting="2014-02-04",
    document_date="2014-02-04",
    decisions=[
        "Kommunstyrelsen bifaller ordförandens förslag.",
        "Redovisningen godkänns.",
    ],
    style="decisions without a 'Beslut' label",
)

probe(
    "regionorebro_rf_protokoll_2018-04-25",
    "Region Örebro län",
    "protokoll",
    "regionfullmäktige",
    ["regionfullmäktige", "regionstyrelsen"],
    """
Region Örebro län
Regionfullmäktige
Protokoll
Datum: 25 april 2018
Tid: kl 09.30 – 16.15
Plats: Conventum Kongress, Örebro
§ 41 Årsredovisning 2017, 18RS1023
Regionstyrelsens förslag
Regionfullmäktige godkänner årsredovisningen för 2017.
Beslut
Regionfullmäktige beslutar i enlighet med regionstyrelsens förslag.
""",
    cases=["18RS1023"],
    meeting="2018-04-25",
    document_date="2018-04-25",
    decisions=[
        "Regionfullmäktige godkänner årsredovisningen för 2017.",
        "Regionfullmäktige beslutar i enlighet med regionstyrelsens förslag.",
    ],
    style="region KF protokoll, written date after 'Datum:', glued YYRSNNNN case number",
)

probe(
    "regionvastmanland_kallelse_2022-09-27",
    "Region Västmanland",
    "kallelse/föredragningslista",
    "regionstyrelsen",
    ["regionstyrelsen"],
    """
Möte: Regionstyrelsen
Datum: 2022-09-27
Tid: 09:00 - 16:00
Plats: Regionhuset, Västerås
Ärenden
1 Val av justerare
2 Delårsrapport januari–augusti, dnr RV220315
3 Yttrande över remiss om vårdval
Handlingar publiceras en vecka före mötet.
""",
    cases=["RV220315"],
    meeting="2022-09-27",
    style="Meetings Plus meeting page: Möte/Datum/Tid/Plats then Ärenden",
)

probe(
    "monsteras_valn_protokoll_2018-09-12",
    "Mönsterås",
    "protokoll",
    "valnämnden",
    ["valnämnden"],
    """
MÖNSTERÅS KOMMUN
SAMMANTRÄDESPROTOKOLL
Valnämnden
Sammanträdesdatum 2018-09-12
Plats och tid Kommunhuset, kl. 09.00 – 12.00
Beslutande Ingrid Ek (S), ordförande, Tomas Lund (M)
Justerare Tomas Lund
Justeringens plats och tid Kommunhuset den 12 september 2018 kl. 12.15
§ 19
Preliminär rösträkning
Valnämndens beslut
Valnämnden godkänner den preliminära rösträkningen.
""",
    meeting="2018-09-12",
    document_date="2018-09-12",
    decisions=["Valnämnden godkänner den preliminära rösträkningen."],
    style="justering on the meeting day (same date, written out)",
)

probe(
    "vaxholm_kf_protokoll_2021-12-13",
    "Vaxholm",
    "protokoll",
    "kommunfullmäktige",
    ["kommunfullmäktige", "kommunstyrelsen", "barn- och utbildningsnämnden"],
    """
Protokoll
Kommunfullmäktige nr 8/2021
Datum: 2021-12-13
§ 93 Medborgarförslag om skateboardpark, Dnr KS 2021/201.102
Kommunfullmäktiges beslut
Medborgarförslaget överlämnas till barn- och utbildningsnämnden för beslut.
§ 94 Avsägelse från uppdraget som ledamot i kommunstyrelsen, Dnr KS 2021/233.102
Kommunfullmäktiges beslut
1. Avsägelsen beviljas.
2. Fyllnadsval förrättas vid nästa sammanträde.
""",
    cases=["KS 2021/201.102", "KS 2021/233.102"],
    meeting="2021-12-13",
    document_date="2021-12-13",
    decisions=[
        "Medborgarförslaget överlämnas till barn- och utbildningsnämnden för beslut.",
        "Avsägelsen beviljas.",
        "Fyllnadsval förrättas vid nästa sammanträde.",
    ],
    style="protokoll number as hard negative (nr 8/2021), case number at the end of a § line",
)

probe(
    "regionhalland_rs_protokollsutdrag_2020-05-26",
    "Region Halland",
    "protokollsutdrag",
    "regionstyrelsen",
    ["regionstyrelsen"],
    """
Protokollsutdrag
Regionstyrelsen
2020-05-26
Diarienummer RS200158
§ 88 Handlingsplan för jämställdhet
Beslut
Regionstyrelsen beslutar att
1. anta handlingsplan för jämställdhet 2020–2022
2. ge regiondirektören i uppdrag att följa upp planen årligen.
Protokollsutdraget bestyrks
""",
    cases=["RS200158"],
    meeting="2020-05-26",
    document_date="2020-05-26",
    decisions=[
        "anta handlingsplan för jämställdhet 2020–2022",
        "ge regiondirektören i uppdrag att följa upp planen årligen.",
    ],
    style="'beslutar att' then numbered points without att",
)

# --- Case numbers of the fresh set's failure classes (issue 13, written before the run) -------

probe(
    "solleftea_ks_protokoll_2019-04-08",
    "Sollefteå",
    "protokoll",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
SOLLEFTEÅ KOMMUN
PROTOKOLL
Kommunstyrelsen
Sammanträdesdatum 2019-04-08
§ 54 Dnr KS 2019/118
Revidering av riktlinjer för representation
Ärendebeskrivning
Kommunledningsförvaltningen har sett över riktlinjerna för representation och föreslår
ändringar i avsnitten om gåvor och alkohol.
Kommunstyrelsen beslutar att
1. anta reviderade riktlinjer för representation,
2. riktlinjerna gäller från och med den 1 maj 2019.
Beslutet skickas till
Samtliga förvaltningschefer
""",
    cases=["KS 2019/118"],
    meeting="2019-04-08",
    document_date="2019-04-08",
    decisions=[
        "anta reviderade riktlinjer för representation,",
        "riktlinjerna gäller från och med den 1 maj 2019.",
    ],
    style="'Kommunstyrelsen beslutar att' on a bare line then a numbered list, no Beslut heading",
)

probe(
    "harnosand_bun_protokoll_2022-03-17",
    "Härnösand",
    "protokoll",
    "barn- och utbildningsnämnden",
    ["barn- och utbildningsnämnden"],
    """
Härnösands kommun
Barn- och utbildningsnämnden
Protokoll 2022-03-17
§ 21 BUN 2022/40
Skolskjutsregler för läsåret 2022/2023
Bakgrund
Reglerna för skolskjuts har setts över efter synpunkter från vårdnadshavare.
Barn- och utbildningsnämnden beslutar
• att anta skolskjutsregler för läsåret 2022/2023 enligt bilaga,
• att uppdra åt förvaltningen att informera vårdnadshavare om reglerna.
Justerandes signatur
""",
    cases=["BUN 2022/40"],
    meeting="2022-03-17",
    document_date="2022-03-17",
    decisions=[
        "att anta skolskjutsregler för läsåret 2022/2023 enligt bilaga,",
        "att uppdra åt förvaltningen att informera vårdnadshavare om reglerna.",
    ],
    style="'X beslutar' on a bare line then bulleted att-satser",
)

probe(
    "ostersund_mn_beslut_2021-09-14",
    "Östersund",
    "beslut",
    "miljö- och samhällsnämnden",
    ["miljö- och samhällsnämnden"],
    """
BESLUT
Datum 2021-09-14
Diarienummer MSN-2021-1187
Miljö- och samhällsnämnden
Mottagare
Fjällgården AB
Storgatan 12
831 30 Östersund
Föreläggande om provtagning av dricksvatten
Beslut
Miljö- och samhällsnämnden förelägger Fjällgården AB att senast den 31 oktober 2021 låta ta
prov på dricksvattnet i anläggningen enligt bilaga 1.
Föreläggandet förenas med ett vite om 10 000 kronor.
Skäl för beslutet
Vid inspektion den 2 september 2021 saknades provtagningsplan.
Hur man överklagar, se bilaga 2.
""",
    cases=["MSN-2021-1187"],
    document_date="2021-09-14",
    decisions=[
        "Miljö- och samhällsnämnden förelägger Fjällgården AB att senast den 31 oktober 2021 låta ta prov på dricksvattnet i anläggningen enligt bilaga 1.",
        "Föreläggandet förenas med ett vite om 10 000 kronor.",
    ],
    style="stand-alone beslut letter with a Beslut heading and Skäl för beslutet",
)

probe(
    "lulea_sbn_delegationsbeslut_2020-11-05",
    "Luleå",
    "delegationsbeslut",
    "stadsbyggnadsnämnden",
    ["stadsbyggnadsnämnden"],
    """
DELEGATIONSBESLUT
Stadsbyggnadsnämnden
2020-11-05
Dnr SBN 2020-00912
Ansökan om strandskyddsdispens för brygga, fastigheten Hertsön 3:15
Beslut
Stadsbyggnadsnämnden ger dispens från strandskyddsbestämmelserna för en brygga om 12 kvm.
Som tomtplats får endast marken inom bifogad karta tas i anspråk.
Beslutet har fattats med stöd av punkt 4.2 i stadsbyggnadsnämndens delegationsordning.
Anna-Karin Strand
Miljöinspektör
""",
    cases=["SBN 2020-00912"],
    document_date="2020-11-05",
    decisions=[
        "Stadsbyggnadsnämnden ger dispens från strandskyddsbestämmelserna för en brygga om 12 kvm.",
        "Som tomtplats får endast marken inom bifogad karta tas i anspråk.",
    ],
    style="delegationsbeslut letter with a Beslut heading",
)

probe(
    "ludvika_kf_protokollsutdrag_2018-02-26",
    "Ludvika",
    "protokollsutdrag",
    "kommunfullmäktige",
    ["kommunfullmäktige", "kommunstyrelsen"],
    """
Ludvika kommun
Kommunfullmäktige
2018-02-26
§ 12 Dnr 2017/604
Motion om solceller på kommunens fastigheter
Kommunstyrelsens förslag
Kommunstyrelsen föreslår fullmäktige att anse motionen besvarad.
Kommunfullmäktiges beslut
att anse motionen besvarad,
att uppdra åt kommunstyrelsen att utreda solceller vid nybyggnation.
Utdragsbestyrkande
""",
    cases=["2017/604"],
    meeting="2018-02-26",
    document_date="2018-02-26",
    decisions=[
        "Kommunstyrelsen föreslår fullmäktige att anse motionen besvarad.",
        "att anse motionen besvarad,",
        "att uppdra åt kommunstyrelsen att utreda solceller vid nybyggnation.",
    ],
    style="single § without cover, 'Kommunfullmäktiges beslut' heading with att-satser",
)

probe(
    "gislaved_sn_protokollsutdrag_2016-06-15",
    "Gislaved",
    "protokollsutdrag",
    "socialnämnden",
    ["socialnämnden"],
    """
SOCIALNÄMNDEN
Sammanträdesdatum 2016-06-15
§ 88 SN.2016.55
Internkontrollplan 2016
Nämndens beslut
- Socialnämnden godkänner internkontrollplan för 2016.
- Uppföljning redovisas för nämnden i december.
Ärendet
Enligt reglementet för intern kontroll ska nämnden årligen anta en plan.
""",
    cases=["SN.2016.55"],
    meeting="2016-06-15",
    document_date="2016-06-15",
    decisions=[
        "Socialnämnden godkänner internkontrollplan för 2016.",
        "Uppföljning redovisas för nämnden i december.",
    ],
    style="single § without cover, 'Nämndens beslut' heading with dashed points",
)

probe(
    "bollnas_ks_protokoll_docplayer_2012-10-30",
    "Bollnäs",
    "protokoll",
    "kommunstyrelsen",
    ["kommunstyrelsen", "kommunfullmäktige"],
    """
SAMMANTRÄDESPROTOKOLL Sammanträdesdatum Kommunstyrelsen 2012-10-30 12 § 201 Dnr 2012/455 Taxa för upplåtelse av offentlig plats Beslut Kommunstyrelsen beslutar att föreslå kommunfullmäktige att anta taxa för upplåtelse av offentlig plats enligt bilaga, att taxan gäller från och med den 1 januari 2013. Beslutsunderlag Tjänsteskrivelse 2012-10-12 Ärendet Polisen tar i dag ut avgifter på kommunens vägnar. Justerandes sign Utdragsbestyrkande 13 § 202 Dnr 2012/470 Delårsrapport Beslut Kommunstyrelsen beslutar att godkänna delårsrapporten. Beslutsunderlag Delårsrapport augusti 2012
""",
    cases=["2012/455", "2012/470"],
    meeting="2012-10-30",
    document_date="2012-10-30",
    decisions=[
        "att föreslå kommunfullmäktige att anta taxa för upplåtelse av offentlig plats enligt bilaga,",
        "att taxan gäller från och med den 1 januari 2013.",
        "Kommunstyrelsen beslutar att godkänna delårsrapporten.",
    ],
    style="DocPlayer text on one line: '§ … Beslut Kommunstyrelsen beslutar att …, att … Beslutsunderlag'",
)

probe(
    "harjedalen_ks_protokoll_2021-05-05",
    "Härjedalen",
    "protokoll",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
Härjedalens kommun
Kommunstyrelsen
Protokoll
Kommunstyrelsen sammanträdde onsdagen den 5 maj 2021 i kommunhuset, Sveg.
Närvarande ledamöter
Lars Nyberg (S), ordförande
Ingrid Sjölin (C)
Justerare Ingrid Sjölin
Protokollet justerades den 10 maj 2021.
§ 70 Val av justerare
Kommunstyrelsen utser Ingrid Sjölin att justera protokollet.
""",
    meeting="2021-05-05",
    document_date="2021-05-05",
    decisions=["Kommunstyrelsen utser Ingrid Sjölin att justera protokollet."],
    style="meeting date in prose ('sammanträdde onsdagen den 5 maj 2021'), justering date after",
)

probe(
    "vannas_kf_protokoll_2015-03-03",
    "Vännäs",
    "protokoll",
    "kommunfullmäktige",
    ["kommunfullmäktige"],
    """
Vännäs kommun
Kommunfullmäktige
Sammanträdesprotokoll
Tid: Tisdagen den 3 mars 2015 kl. 13.00–15.10
Plats: Folkets hus, Vännäs
Justering: Fredagen den 6 mars 2015
Ordförande: Kerstin Alm (S)
Sekreterare: Johan Berg
§ 14 Avsägelser
Kommunfullmäktige beviljar Per Nyström (M) entledigande från uppdraget.
""",
    meeting="2015-03-03",
    document_date="2015-03-03",
    decisions=["Kommunfullmäktige beviljar Per Nyström (M) entledigande från uppdraget."],
    style="'Tid:' label with weekday and written-out date; justering on a weekday after",
)

probe(
    "bracke_ks_protokoll_docplayer_2006-05-23",
    "Bräcke",
    "protokoll",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
SAMMANTRÄDESPROTOKOLL Sida 1 Kommunstyrelsen Plats och tid för sammanträdet Beslutande Ej beslutande ledamöter Övriga deltagande Utses att justera Justeringens plats och tid Underskrifter Sekreterare Ordförande Justerande Bräcke kommunkontor, tisdag den 23 maj 2006, kl 08.30 15.00 Gun Persson (S), ordförande Tore Ek (C) Maj Lind (S) Ulf Strand, kommunchef Tore Ek Kommunkontoret, tisdag den 30 maj 2006 Paragrafer 88-112 Eva Björk Gun Persson Tore Ek
""",
    meeting="2006-05-23",
    document_date="2006-05-23",
    style="flattened cover: labels run together, values after, justering date later in the line",
)

probe(
    "torsby_kf_motion_2016-03-02",
    "Torsby",
    "motion",
    "kommunfullmäktige",
    ["kommunfullmäktige"],
    """
Motion till kommunfullmäktige
Inför kameraövervakning vid resecentrum
Under det senaste året har skadegörelsen vid resecentrum ökat.
Jag yrkar
att kommunen ansöker om tillstånd till kameraövervakning vid resecentrum.
Torsby den 2 mars 2016
Sven Olausson (KD)
""",
    document_date="2016-03-02",
    decisions=["att kommunen ansöker om tillstånd till kameraövervakning vid resecentrum."],
    style="motion with 'Torsby den 2 mars 2016' place-and-date line",
)

probe(
    "stockholm_ks_remissvar_2015-03-02",
    "Stockholm",
    "yttrande",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
Till Socialdepartementet
Yttrande över betänkandet Framtidens äldreomsorg
Kommunstyrelsen har beretts tillfälle att yttra sig över betänkandet och lämnar
följande synpunkter.
Kommunstyrelsen tillstyrker förslaget om en nationell kvalitetsplan.
Stockholm 2015-03-02
På kommunstyrelsens vägnar
Eva Lund
""",
    document_date="2015-03-02",
    style="yttrande ending in 'Stockholm 2015-03-02'",
)

probe(
    "vasterbergslagen_direktion_protokoll_2019-02-21",
    "Västerbergslagens utbildningsförbund",
    "protokoll",
    "direktionen",
    ["direktionen"],
    """
VÄSTERBERGSLAGENS UTBILDNINGSFÖRBUND
PROTOKOLL
Direktionen
Sammanträdesdatum 2019-02-21
Plats och tid Ludvika, kl 13.00–15.00
Beslutande Kent Olsson (S), ordförande
Maria Eld (M)
§ 5 Årsredovisning 2018
Direktionen beslutar att godkänna årsredovisningen för 2018.
""",
    meeting="2019-02-21",
    document_date="2019-02-21",
    decisions=["Direktionen beslutar att godkänna årsredovisningen för 2018."],
    style="a förbund's own direktion as the issuing body",
)

probe(
    "ornskoldsvik_ksau_protokoll_2017-11-28",
    "Örnsköldsvik",
    "protokoll",
    "kommunstyrelsens arbetsutskott",
    ["kommunstyrelsens arbetsutskott", "kommunstyrelsen"],
    """
PROTOKOLL
Kommunstyrelsens
arbetsutskott
Sammanträdesdatum
2017-11-28
Plats och tid Stadshuset, kl 08.30–11.00
§ 190 Dnr KS-2017-512
Lokalförsörjningsplan
Arbetsutskottet föreslår kommunstyrelsen besluta att anta lokalförsörjningsplanen.
""",
    cases=["KS-2017-512"],
    meeting="2017-11-28",
    document_date="2017-11-28",
    decisions=[
        "Arbetsutskottet föreslår kommunstyrelsen besluta att anta lokalförsörjningsplanen."
    ],
    style="'Kommunstyrelsens / arbetsutskott' split over two lines",
)

probe(
    "kalmar_sbn_tjansteskrivelse_2020-02-11",
    "Kalmar",
    "tjänsteskrivelse",
    "samhällsbyggnadsnämnden",
    ["samhällsbyggnadsnämnden"],
    """
TJÄNSTESKRIVELSE
2020-02-11
Dnr SBN 2020/0087
Samhällsbyggnadsnämnden (SBN)
Detaljplan för del av Malmen 4:1
Förslag till beslut
SBN beslutar att godkänna planförslaget för samråd.
Ärendet
Planen syftar till att pröva bostäder i kvarteret.
""",
    cases=["SBN 2020/0087"],
    document_date="2020-02-11",
    decisions=["SBN beslutar att godkänna planförslaget för samråd."],
    style="a self-defined abbreviation, 'Samhällsbyggnadsnämnden (SBN)'",
)

probe(
    "hofors_ksau_protokoll_anslag_2014-10-07",
    "Hofors",
    "protokoll",
    "kommunstyrelsens arbetsutskott",
    ["kommunstyrelsens arbetsutskott"],
    """
SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum 2014-10-07
Plats och tid Kommunhuset, kl 09.00–12.00
Beslutande Åsa Berg (S), ordförande
Lars Öst (V)
Justerare Lars Öst
ANSLAG/BEVIS
Protokollet är justerat. Justeringen har tillkännagivits genom anslag.
Organ Kommunstyrelsens arbetsutskott
Sammanträdesdatum 2014-10-07
Datum för anslags uppsättande 2014-10-10
Datum för anslags nedtagande 2014-11-01
""",
    meeting="2014-10-07",
    document_date="2014-10-07",
    style="the body named only after 'Organ' in the ANSLAG/BEVIS block",
)

probe(
    "sandviken_bun_protokoll_docplayer_2015-09-22",
    "Sandviken",
    "protokoll",
    "barn- och utbildningsnämnden",
    ["barn- och utbildningsnämnden"],
    """
Barn- och utbildningsnämnden Sammanträdesdatum Nr Sida 2015-09-22 7 1 (18) Plats och tid Stadshuset, kl 13.15-16.00 Beslutande Karin Malm (S), ordförande Olle Frost (C) Justerare Olle Frost Justeringens plats och tid Stadshuset 2015-09-29
""",
    meeting="2015-09-22",
    document_date="2015-09-22",
    style="flattened cover with the body name first, 'Sammanträdesdatum Nr Sida' labels then values",
)

probe(
    "eskilstuna_kf_beslut_i_korthet_2019-06-13",
    "Eskilstuna",
    "beslutsreferat",
    "kommunfullmäktige",
    ["kommunfullmäktige"],
    """
Beslut från kommunfullmäktige 13 juni 2019
Här är ett urval av de beslut som kommunfullmäktige fattade vid sitt sammanträde.
Ny simhall i Munktellstaden
Kommunfullmäktige beslutade att bygga en ny simhall i Munktellstaden.
Taxor för räddningstjänsten
Fullmäktige antog nya taxor för räddningstjänstens tillsyn.
""",
    meeting="2019-06-13",
    document_date="2019-06-13",
    decisions=[
        "Kommunfullmäktige beslutade att bygga en ny simhall i Munktellstaden.",
        "Fullmäktige antog nya taxor för räddningstjänstens tillsyn.",
    ],
    style="'Beslut från kommunfullmäktige' web page",
)

probe(
    "uppsala_kf_kungorelse_2020-03-30",
    "Uppsala",
    "kallelse/föredragningslista",
    "kommunfullmäktige",
    ["kommunfullmäktige"],
    """
KUNGÖRELSE
Kommunfullmäktige sammanträder i sessionssalen, Stadshuset, måndagen den 30 mars 2020 kl. 13.00.
Ärenden
1. Val av justerare
2. Årsredovisning 2019 för Uppsala kommun
3. Motion om fler lekplatser
""",
    meeting="2020-03-30",
    style="Kungörelse of a KF meeting, date in prose",
)

probe(
    "vasteras_ks_meetingsplus_dagordning_2023-02-08",
    "Västerås",
    "kallelse/föredragningslista",
    "kommunstyrelsen",
    ["kommunstyrelsen"],
    """
Kommunstyrelsen
Datum: 2023-02-08
Tid: 08:30
Plats: Stadshuset, sal A
Ärende
1 Val av justerare
2 Godkännande av dagordning
3 Budgetuppföljning januari
4 Anmälan av delegationsbeslut
""",
    meeting="2023-02-08",
    style="Meetings+ agenda page: Datum/Tid/Plats then numbered Ärende list",
)


# --- Round 4b: the same classes in flattened PDF-to-text (one long line per page) -------------

probe(
    "solleftea_ks_protokoll_docplayer_2006-05-23",
    "Sollefteå",
    "protokoll",
    "kommunstyrelsen",
    ["kommunstyrelsen", "kommunfullmäktige"],
    """
SAMMANTRÄDESPROTOKOLL Sida 1 (18) Kommunstyrelsen Plats och tid för sammanträdet Beslutande Ej beslutande ledamöter Övriga deltagande Utses att justera Justeringens plats och tid Underskrifter Sekreterare Ordförande Justerande Sollefteå kommunkontor, tisdag den 23 maj 2006, kl 08.30-15.40 Gunnel Ek (S), ordförande Bertil Norrby (C) Anita Sjö (S) Olof Hed (M) Karin Lund (V) Sven Ring (S) ersättare Maja Brodd (FP) Hans Ulv, kommunchef Lisa Strand, sekreterare Bertil Norrby Kommunkontoret, tisdag den 30 maj 2006 kl 13.00 Paragrafer 101-118 Lisa Strand Gunnel Ek Bertil Norrby ANSLAG/BEVIS Protokollet är justerat. Justeringen har tillkännagivits genom anslag. Organ Kommunstyrelsen Sammanträdesdatum 2006-05-23 Datum för anslags uppsättande 2006-05-31 Datum för anslags nedtagande 2006-06-22
SAMMANTRÄDESPROTOKOLL Sida 2 (18) Kommunstyrelsen 101 Dnr 2006/145 Budgetuppföljning april 2006 Beslut Kommunstyrelsen beslutar att godkänna budgetuppföljningen, att uppmana nämnderna att vidta åtgärder för en budget i balans. Ärendebeskrivning Ekonomikontoret har sammanställt uppföljningen efter april. Beslutsunderlag Budgetuppföljning april 2006 Justerandes sign Utdragsbestyrkande
SAMMANTRÄDESPROTOKOLL Sida 3 (18) Kommunstyrelsen 102 Dnr 2006/160 Taxa för bygglov Kommunstyrelsen föreslår kommunfullmäktige besluta att anta taxa för bygglov enligt bilaga. Ärendebeskrivning Taxan har inte setts över sedan 1998.
""",
    cases=["2006/145", "2006/160"],
    meeting="2006-05-23",
    document_date="2006-05-23",
    decisions=[
        "att godkänna budgetuppföljningen,",
        "att uppmana nämnderna att vidta åtgärder för en budget i balans.",
        "Kommunstyrelsen föreslår kommunfullmäktige besluta att anta taxa för bygglov enligt bilaga.",
    ],
    style="DocPlayer cover: all labels first, then the values; justering date after the meeting's",
)

probe(
    "lessebo_bun_protokoll_docplayer_2014-03-12",
    "Lessebo",
    "protokoll",
    "barn- och utbildningsnämnden",
    ["barn- och utbildningsnämnden"],
    """
LESSEBO KOMMUN SAMMANTRÄDESPROTOKOLL Barn- och utbildningsnämnden Sammanträdesdatum Sida 1 (14) Plats och tid Kommunhuset, Lessebo kl 13.30-16.00 Beslutande Eva Holm (S), ordförande Leif Sand (C) Åsa Nord (M) Övriga närvarande Peter Alm, förvaltningschef Utses att justera Leif Sand Justeringens plats och tid Kommunhuset 2014-03-17 Underskrifter Sekreterare Paragrafer 18-30 ANSLAG/BEVIS Protokollet är justerat. Justeringen har tillkännagivits genom anslag Organ Barn- och utbildningsnämnden Sammanträdesdatum 2014-03-12 Datum för anslags uppsättande 2014-03-18 Datum för anslags nedtagande 2014-04-09
LESSEBO KOMMUN SAMMANTRÄDESPROTOKOLL Barn- och utbildningsnämnden Sammanträdesdatum Sida 2 (14) 18 Dnr BUN 2014/12 Skolplan 2014-2016 Barn- och utbildningsnämndens beslut Barn- och utbildningsnämnden antar skolplan för 2014-2016. Sammanfattning Förvaltningen har tagit fram en ny skolplan.
""",
    cases=["BUN 2014/12"],
    meeting="2014-03-12",
    document_date="2014-03-12",
    decisions=["Barn- och utbildningsnämnden antar skolplan för 2014-2016."],
    style="DocPlayer cover without a date after Sammanträdesdatum; the date only in the anslag block",
)

probe(
    "vannas_kf_protokoll_docplayer_2015-03-03",
    "Vännäs",
    "protokoll",
    "kommunfullmäktige",
    ["kommunfullmäktige", "kommunstyrelsen"],
    """
1 (9) Kommunfullmäktige PROTOKOLL Tid Tisdagen den 3 mars 2015 kl. 13.00-15.30 Plats Folkets hus, Vännäs Beslutande Se närvarolista Övriga Jonas Berg, kommunsekreterare Justering Fredagen den 6 mars 2015, kommunkontoret Justerare Lars Ek Sven Alm Paragrafer 14-22 Underskrifter Sekreterare Ordförande Kerstin Alm Justerare
2 (9) KF 14 Dnr 2015/23 Avsägelse Kommunfullmäktige beviljar Per Nyström (M) entledigande från uppdraget som ledamot i kommunstyrelsen. 15 Dnr 2015/31 Motion om gratis simskola Beslut Kommunfullmäktige beslutar att bifalla motionen, att uppdra åt kommunstyrelsen att genomföra simskola sommaren 2015.
""",
    cases=["2015/23", "2015/31"],
    meeting="2015-03-03",
    document_date="2015-03-03",
    decisions=[
        "Kommunfullmäktige beviljar Per Nyström (M) entledigande från uppdraget som ledamot i kommunstyrelsen.",
        "att bifalla motionen,",
        "att uppdra åt kommunstyrelsen att genomföra simskola sommaren 2015.",
    ],
    style="DocPlayer: 'Tid Tisdagen den 3 mars 2015', justering on a weekday; § sign lost",
)

probe(
    "alvesta_ks_protokollsutdrag_docplayer_2019-03-12",
    "Alvesta",
    "protokollsutdrag",
    "kommunstyrelsen",
    ["kommunstyrelsen", "kommunfullmäktige"],
    """
PROTOKOLLSUTDRAG Kommunstyrelsen 2019-03-12 45 Dnr KS 2019/33 Medborgarförslag om hundrastgård i Moheda Kommunstyrelsens beslut Kommunstyrelsen föreslår kommunfullmäktige besluta att avslå medborgarförslaget. Sammanfattning En medborgare föreslår att kommunen anlägger en hundrastgård. Beslutsunderlag Tjänsteskrivelse 2019-02-20 Beslutet skickas till Kommunfullmäktige Justerandes sign Utdragsbestyrkande
""",
    cases=["KS 2019/33"],
    meeting="2019-03-12",
    document_date="2019-03-12",
    decisions=["Kommunstyrelsen föreslår kommunfullmäktige besluta att avslå medborgarförslaget."],
    style="flattened protokollsutdrag on one line, 'Kommunstyrelsens beslut' inline",
)

probe(
    "mark_kf_beslut_i_korthet_2020-11-23",
    "Mark",
    "beslutsreferat",
    "kommunfullmäktige",
    ["kommunfullmäktige"],
    """
Beslut i korthet Kommunfullmäktige 2020-11-23 Här är några av besluten från kommunfullmäktiges sammanträde. Budget 2021 Fullmäktige fastställde budget för 2021 med plan för 2022-2023. Ny förskola i Kinna Kommunfullmäktige beslutade att bygga en ny förskola i Kinna. Motion om laddstolpar Motionen avslogs.
""",
    meeting="2020-11-23",
    decisions=[
        "Fullmäktige fastställde budget för 2021 med plan för 2022-2023.",
        "Kommunfullmäktige beslutade att bygga en ny förskola i Kinna.",
        "Motionen avslogs.",
    ],
    style="flattened 'Beslut i korthet' page",
)

probe(
    "kungsor_mbn_beslut_docplayer_2019-05-14",
    "Kungsör",
    "beslut",
    "miljö- och byggnämnden",
    ["miljö- och byggnämnden"],
    """
BESLUT 1(2) Datum 2019-05-14 Dnr MBN 2019-456 Miljö- och byggnämnden Sökande Karl Berg Torggatan 3 736 30 Kungsör Bygglov för tillbyggnad av enbostadshus Beslut Miljö- och byggnämnden beviljar bygglov för tillbyggnad av enbostadshus. Avgiften för beslutet är 12 400 kronor. Skäl för beslut Åtgärden uppfyller kraven i 9 kap. 30 § plan- och bygglagen. Upplysningar Beslutet kan överklagas.
""",
    cases=["MBN 2019-456"],
    document_date="2019-05-14",
    decisions=[
        "Miljö- och byggnämnden beviljar bygglov för tillbyggnad av enbostadshus.",
        "Avgiften för beslutet är 12 400 kronor.",
    ],
    style="flattened beslut letter, Beslut heading inline",
)

probe(
    "arboga_ksau_kallelse_docplayer_2021-02-09",
    "Arboga",
    "kallelse/föredragningslista",
    "kommunstyrelsens arbetsutskott",
    ["kommunstyrelsens arbetsutskott"],
    """
Kommunstyrelsens arbetsutskott KALLELSE/UNDERRÄTTELSE Datum 2021-02-09 Tid 08:30 Plats Sammanträdesrummet Ärenden 1. Val av justerare 2. Godkännande av dagordningen 3. Budgetuppföljning januari 4. Delegationsbeslut
""",
    meeting="2021-02-09",
    style="flattened kallelse with labels and values on one line",
)


probe(
    "taby_kfn_protokollsutdrag_2021-03-17",
    "Täby",
    "protokollsutdrag",
    "kultur- och fritidsnämnden",
    ["kultur- och fritidsnämnden"],
    """
Protokollsutdrag
Sammanträdesdatum
Kultur- och fritidsnämnden 2021-03-17

§ 22/2021 Dnr 2021/0093 KFN - 2 Diariekod: 860

Bidrag till föreningar 2021

Beslut
Kultur- och fritidsnämnden beslutar att fördela föreningsbidrag enligt bilaga 1.

Justerandes sign. Utdragsbestyrkande
""",
    cases=["2021/0093 KFN - 2"],
    meeting="2021-03-17",
    document_date="2021-03-17",
    decisions=["Kultur- och fritidsnämnden beslutar att fördela föreningsbidrag enligt bilaga 1."],
    style="sub-number after a trailing series ('2021/0093 KFN - 2'), § serial as hard negative",
)

probe(
    "uppsala_mhn_kallelse_2019-10-15",
    "Uppsala",
    "kallelse/föredragningslista",
    "miljö- och hälsoskyddsnämnden",
    ["miljö- och hälsoskyddsnämnden", "kommunstyrelsen"],
    """
KALLELSE
Miljö- och hälsoskyddsnämnden
Sammanträde 2019-10-15 kl. 16.00
Plats: Stadshuset, sal B

Föredragningslista

5 Överklagande av föreläggande om ventilation, Storgatan 12
Remiss från mark- och miljödomstolen, mål nr M 4410-19
Dnr 2019-3318
(Hälsoskydd)

6 Ansökan om dispens för tömning av avloppsanläggning
Remiss från Havs- och vattenmyndigheten, dnr 1127-2019 Hv
Dnr 2019-4052
(Miljö)

7 Revidering av taxa för prövning och tillsyn
Remiss från kommunstyrelsen, dnr K2019-518-0042
Dnr 212-04471
(Miljö)
""",
    cases=["2019-3318", "2019-4052", "K2019-518-0042", "212-04471"],
    meeting="2019-10-15",
    style="Dnr lines under each item; a court's and an agency's numbers on the line before",
)

probe(
    "regionkronoberg_rs_foredragningslista_2020-02-11",
    "Region Kronoberg",
    "kallelse/föredragningslista",
    "regionstyrelsen",
    ["regionstyrelsen", "patientnämnden", "regionfullmäktige"],
    """
Regionstyrelsen
Föredragningslista
Sammanträdesdatum 2020-02-11

1. Val av justerare

2. Anmälan av delegationsbeslut Diarienummer 2000012

3. Avsägelser
a) Karin Holm har avsagt sig uppdraget som ersättare i patientnämnden (RK200031).
b) Nils Berg har avsagt sig uppdraget som ledamot i regionfullmäktige (RK200044).
""",
    cases=["2000012", "RK200031", "RK200044"],
    meeting="2020-02-11",
    style="seven-digit registry numbers after Diarienummer, compact numbers in brackets",
)

probe(
    "lerum_kf_beslutsreferat_2022-04-28",
    "Lerum",
    "beslutsreferat",
    "kommunfullmäktige",
    ["kommunfullmäktige"],
    """
Sammanfattning från kommunfullmäktiges sammanträde den 28 april

Publicerad 2022-04-29

Här följer en kort sammanfattning. Protokollet publiceras när det har justerats.

Motioner
Tre motioner om gång- och cykelvägar behandlades. Samtliga motioner avslogs.

Ny förskola i Gråbo
Kommunfullmäktige beslutade att bygga en ny förskola i Gråbo.
""",
    document_date="2022-04-29",
    decisions=["Kommunfullmäktige beslutade att bygga en ny förskola i Gråbo."],
    style="news page of decisions: 'Sammanfattning från …s sammanträde', a 'Motioner' subheading",
)

probe(
    "ockero_kfn_tjansteskrivelse_2020-09-01",
    "Öckerö",
    "tjänsteskrivelse",
    "kultur- och fritidsnämnden",
    ["kultur- och fritidsnämnden"],
    """
1 KULTURFÖRVALTNINGEN Handläggare Sara Lind Datum 2020-09-01 Diarienummer KFN 2020/0112 Kultur- och fritidsnämnden Svar på skrivelse om bibliotekets öppettider Förslag till beslut Kultur- och fritidsnämnden föreslås besluta att anta förvaltningens svar på skrivelsen. Sammanfattning En skrivelse om längre öppettider har inkommit.
""",
    cases=["KFN 2020/0112"],
    document_date="2020-09-01",
    style="DocPlayer run-together letterhead: förvaltning, Handläggare, then Förslag till beslut",
)


# --- Round 4 (issue 13): failure classes listed after round 3, written before Diarium was run --


def main() -> None:
    for old in HERE.glob("[0-9][0-9][0-9]_*.txt"):
        old.unlink()
    lines = []
    for number, p in enumerate(PROBES, start=1):
        name = f"{number:03d}_{p['slug']}.txt"
        text = p["text"]
        (HERE / name).write_text(text, encoding="utf-8")
        for key in ("case_numbers", "decisions"):
            for value in p[key]:
                squashed = " ".join(value.split())
                assert value in text or squashed in " ".join(text.split()), (name, value)
        for key in ("meeting_date", "document_date"):
            assert p[key] is None or len(p[key]) == 10, (name, key)
        gold = {k: v for k, v in p.items() if k not in ("slug", "text")}
        lines.append(
            json.dumps(
                {"file": name, "partial": False, "source_kind": "synthetic", **gold},
                ensure_ascii=False,
            )
        )
    (HERE / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(PROBES)} probes written")


if __name__ == "__main__":
    main()
