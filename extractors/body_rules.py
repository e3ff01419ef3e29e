"""Rule data for finding municipal and regional bodies by morphology (`extractors.committees`).

Data only. Checked against the ``tune`` part of the municipalities corpus.
"""

from __future__ import annotations

#: The last part of a body's name and the kind of body it makes.
HEAD_KINDS: dict[str, str] = {
    "nämnd": "nämnd",
    "styrelse": "nämnd",
    "fullmäktige": "fullmäktige",
    "utskott": "utskott",
    "beredning": "utskott",
    "direktion": "nämnd",
    "kommitté": "utskott",
}

#: Parts of a compound body name that give a letter of its abbreviation after the part before
#: them: "plan- och byggnadsnämnden" is PBN, "kommunstyrelsens arbetsutskott" KSAU,
#: "regionstyrelsen" RS, "kommunfullmäktige" KF (see `extractors.committees.initials`).
ABBREVIATION_PARTS: tuple[str, ...] = (
    "nämnd",
    "styrelse",
    "fullmäktige",
    "utskott",
    "beredning",
    "direktion",
    "förbund",
)

#: Words of a body's name that give no letter to its abbreviation.
ABBREVIATION_SKIP: frozenset[str] = frozenset({"och", "&", "för", "i"})

#: Utskott of a body, after the body's genitive ("kommunstyrelsens arbetsutskott",
#: "kommunfullmäktiges valberedning").
SUB_BODIES: tuple[str, ...] = ("arbetsutskott", "utskott", "beredningsutskott", "valberedning")

#: Definite adjectives that open a body's name ("tekniska nämnden", "regionala
#: utvecklingsnämnden"); common words such as "alla", "nya" or "berörda" are not among them.
ADJECTIVES: tuple[str, ...] = (
    "tekniska",
    "sociala",
    "regionala",
    "parlamentariska",
    "kulturella",
    "politiska",
    "gemensamma",
    "lokala",
)

#: Names (stem + head, lower case) that are not municipal or regional bodies: state agencies
#: (Länsstyrelsen, Socialstyrelsen, Transportstyrelsen), state boards and courts (hyresnämnden,
#: arrendenämnden, etikprövningsnämnden), company, school and university boards. A name that
#: *ends* in one of these is left out too ("Rikspolisstyrelse" → "polisstyrelse").
NOT_MUNICIPAL: frozenset[str] = frozenset(
    {
        "länsstyrelse",
        "länstyrelse",  # a common misspelling
        "socialstyrelse",
        "transportstyrelse",
        "polisstyrelse",
        "fastighetsstyrelse",
        "bolagsstyrelse",
        "koncernstyrelse",
        "skolstyrelse",
        "högskolestyrelse",
        "universitetsstyrelse",
        "ledningsstyrelse",
        "hyresnämnd",
        "arrendenämnd",
        "etiknämnd",
        "etikprövningsnämnd",
        "överklagandenämnd",
        "förbundsstyrelse",
        "förbundsfullmäktige",
        "huvudstyrelse",
        "riksdagsutskott",
        "konstitutionsutskott",
        "finansutskott",
        "näringsutskott",
        "socialutskott",  # riksdagen's; a municipality's socialutskott is in the gazetteer
        "kommitté",
        "valprövningsnämnd",
        "skogsstyrelse",
        "jordbruksverk",  # a state board (elections), not a municipal one
        "statens",
    }
)

#: Names that end in one of `NOT_MUNICIPAL` and are a region's bodies all the same: a
#: region's folk high schools have a board of its own.
MUNICIPAL_DESPITE_ENDING: frozenset[str] = frozenset({"folkhögskolestyrelse"})

#: Participles of "nämna" that the morphology reads as a nämnd: "i en bilaga benämnd
#: Sammanfattning", "ovannämnda förslag".
NAMED_PARTICIPLES: frozenset[str] = frozenset(
    {"benämnd", "omnämnd", "ovannämnd", "nyssnämnd", "förutnämnd", "förenämnd"}
)

#: Words ending in "beredning" that name a preparation, not a beredning ("ärendeberedning").
PREPARATIONS: frozenset[str] = frozenset({"förberedning", "ärendeberedning"})

#: Names that the morphology produces but that are generic words, not bodies.
NOT_NAMES: frozenset[str] = frozenset(
    {
        "nämnden",
        "styrelsen",
        "utskottet",
        "beredningen",
        "fullmäktige",
        "kommittén",
        "nämnden för",
        # The document's own body's utskott or presidium, named generically.
        "arbetsutskottet",
        "allmänna utskottet",
        "presidiet",
        "beslut",
        "att",
        "den",
        "det",
        "de",
        "en",
        "ett",
        "och",
    }
)

#: Owners whose board is not a body of a municipality or region ("SKR:s styrelse" is the
#: board of Sveriges Kommuner och Regioner).
NATIONAL_OWNERS: frozenset[str] = frozenset({"SKR:S", "SKL:S", "MSB:S", "SCB:S"})

#: The state's agencies (and government) that a municipality's minutes tell of, whose decisions
#: are not the minutes' own: "Länsstyrelsen meddelar i protokoll … att …".
STATE_AGENCIES: tuple[str, ...] = (
    "Länsstyrelsen",
    "Länstyrelsen",
    "Socialstyrelsen",
    "Transportstyrelsen",
    "Skatteverket",
    "Valmyndigheten",
    "Trafikverket",
    "Naturvårdsverket",
    "Boverket",
    "Lantmäteriet",
    "Migrationsverket",
    "Försäkringskassan",
    "Arbetsförmedlingen",
    "Regeringen",
    "Riksdagen",
)
