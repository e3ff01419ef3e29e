"""Rule data of `extractors.decisions`: a body as a decision's subject, the verbs of a decision
in the present, the perfect and the past, and the patterns built from them. Data only."""

from __future__ import annotations

import re

from extractors.extraction_rules import PASSIVE_DECISION_VERBS

#: A body as the subject of a sentence: "Kommunstyrelsen", "Tekniska nämnden",
#: "Kultur- och fritidsnämnden", "Arbetsutskottet", "Kommunstyrelsens arbetsutskott", "KS",
#: "Nämnden för teknik", "Ordföranden".
_SUBJECT = (
    r"(?:(?:(?:[A-ZÅÄÖ][a-zåäö]+-? (?:och )?)?(?:[A-ZÅÄÖa-zåäö]+-\s)?[A-ZÅÄÖa-zåäö-]*"
    r"(?:nämnden|styrelsen|fullmäktige|utskottet|direktionen|beredningen|presidiet|revisionen|rådet)"
    # (any utskott of a board: "Kommunstyrelsens ledningsutskott", "… personalutskott")
    # (the word read whole, then its ending tested: no backtracking through its letters)
    r"|[A-ZÅÄÖ][a-zåäö-]+s (?:allmänna )?[a-zåäö]++(?:(?<=utskott)|(?<=presidium)|(?<=beredning))"
    r"|Nämnden|Styrelsen|Utskottet|Fullmäktige|Direktionen|Ordföranden?|Revisorerna|Stämman|Man"
    r"|Bolagsstämman|\b[A-ZÅÄÖ]{2,6}\b)(?: för [a-zåäö][a-zåäö &-]{2,40}?)?)"
)
#: Present-tense decision verbs after a body.
_PRESENT = (
    r"(?:beslutar|antar|godkänner|fastställer|noterar|avslår|bifaller|tillstyrker|"
    r"avstyrker|uppdrar|ger|lämnar|översänder|överlämnar|förklarar|beviljar|utser|väljer|"
    r"antecknar|remitterar|återremitterar|upphäver|reviderar|anser|entledigar|lägger|tilldelar|"
    r"tar del av|ställer sig bakom|godtar|avskriver|avvisar|hemställer|delegerar|yttrar sig|"
    r"begär|uppmanar|återkallar|förlänger|avsätter|anvisar|medger|överlåter|tillsätter|fördelar|"
    r"kompletterar|"
    r"bordlägger|fattar (?:inte (?:något|några) beslut|inget beslut)|föreslås besluta|föreslås|"
    r"tackar för (?:informationen|redovisningen|rapporten|föredragningen|dragningen)|"
    r"föreslår)"
)
#: Participles after "har" in a report of decisions ("har beslutat").
_PERFECT = (
    r"(?:besvarat|beslutat|antagit|godkänt|fastställt|avslagit|bifallit|"
    r"återremitterat|valt|utsett|beviljat|klubbat|sagt ja|sagt nej|tagit beslut|fattat beslut|"
    # "Kommunstyrelsen har gett förvaltningen i uppdrag att …"
    r"gett(?= [^.]{0,60}?\bi uppdrag\b))"
)
#: Past-tense decision verbs of a report of decisions.
_PAST = (
    r"(?:beslutade|beslöt|antog|godkände|fastställde|beviljade|entledigade|utsåg|valde|biföll|klubbade|"
    r"avslog|återremitterade|tilldelade|gav|sa ja|sade ja|sa nej|sade nej|ställde sig bakom|"
    # (a kind of decision, after what the sentence says of it: "fattade under dagens
    # sammanträde bland annat ett inriktningsbeslut"; not "fattade följande beslut:")
    r"fattade (?:(?!följande )[a-zåäö]+ ){0,6}?[a-zåäö]*beslut|tillstyrkte|avstyrkte|lämnade|överlämnade|remitterade|upphävde|reviderade|"
    r"utnämnde|tog del av|godtog|avskrev|bordlade|hemställde|tillsatte|förlängde|fördelade|noterade|"
    r"antecknade|"
    r"har(?: [^.]{0,30}?)? " + _PERFECT + r"|beslutat(?= enligt))"
)
_ACTIVE = re.compile(
    r"(?P<subject>" + _SUBJECT + r")(?: (?:därför|också|även|nu|då|enhälligt|i dag|idag))?"
    r" (?P<verb>" + _PRESENT + r"|" + _PAST + r")\b"
    # the verb first, as a clause after an adverb writes it (V2): "I går beslutade
    # fullmäktige …"
    r"|(?P<verb2>utser|beslutar|beslutade|väljer|godkänner|godkände|fastställer|antar|antog) "
    r"(?:kommun|region|landstings)?[a-zåäö-]*(?:nämnden|styrelsen|fullmäktige|utskottet)\b"
)
#: More verbs before their body (V2), and the perfect: "Därför har kommunstyrelsen nu beslutat
#: att …". A pattern of its own, tried only in a clause that holds one of its verbs: in
#: `_ACTIVE` its alternatives would be tried at every position of every clause.
_INVERTED = re.compile(
    r"(?P<verb2>beslöt|valde|fastställde|klubbade|biföll|avslog|beviljade"
    # "I dag tog regionstyrelsen ett inriktningsbeslut", "fattade nämnden bland annat beslut"
    r"|(?:tog|fattade)(?= [a-zåäö-]+ (?:(?!följande )[a-zåäö]+ ){0,5}?[a-zåäö]*beslut\b)) "
    r"(?:kommun|region|landstings)?[a-zåäö-]*(?:nämnden|styrelsen|fullmäktige|utskottet)\b"
    r"|(?P<verb3>har (?:kommun|region|landstings)?[a-zåäö-]*(?:nämnden|styrelsen|fullmäktige|"
    r"utskottet)(?: (?:nu|också|även|därför|i dag|idag))? " + _PERFECT + r")\b"
)
#: A past-tense verb followed by a date or "den": an earlier decision cited as background.
_CITED = re.compile(
    r"\s*(?:den\s+)?(?:\d{1,2}\s+[a-zåäö]+\s+\d{4}|\d{4}-\d\d-\d\d|i\s+[a-zåäö]+\s+\d{4}|\d{4})"
)
#: What may follow a decision verb in a clause that says nothing yet: the lead of points that
#: follow ("Kommunstyrelsen beslutade även att\n •"), where the points' text was cut off.
_SAYS_NOTHING = re.compile(r"(?:\s|[•–:,-]|\b(?:även|också|därför|att|enligt|följande)\b)*")
#: A conjunction right before the subject: the body acts in a subordinate clause.
_SUBORDINATE = re.compile(
    # (or an adverb of the past: "Tidigare har kommunfullmäktige antagit …" cites a decision)
    r"(?i)\b(?:som|när|då|eftersom|innan|sedan|vilket|där|om|tills|tidigare)\s+(?:[a-zåäö-]+\s+)?$"
)
#: A page's heading over the decisions it tells, no decision itself: "Så beslutade
#: kommunfullmäktige den 17 oktober".
PAGE_OF_DECISIONS = re.compile(r"\W*så (?:beslutade|beslöt)\b", re.IGNORECASE)

#: Decision verbs in the infinitive ...
_INFINITIVES = (
    r"(?:godkänna|fastställa|anta|avslå|bifalla|uppdra|ge|lägga|"
    r"notera|anse|utse|välja|bevilja|överlämna|översända|återremittera|tillstyrka|avstyrka|"
    r"tilldela|ingå|teckna|avsätta|uppmana|föreslå|hemställa|besluta|upphäva|revidera|"
    r"entlediga|förklara|lämna|avge|anvisa|godta|delegera|avskriva|bordlägga|tillsätta|"
    r"förlänga|uppdra åt|ställa sig bakom|ta del av|meddela|bemyndiga)"
)
#: "beslutar" with its subject lost (a template's field the transcript dropped): "Beslut -
#: beslutar i enlighet med ordförandens förslag.", "... 2013-12-10. beslutar enligt
#: föreslagen dagordning.", "Avsägelse från Per Ek daterad den 13 maj 2011 beslutar godkänna
#: avsägelsen." (no sentence has a year for its subject), "beslutar enhälligt fastställa …".
_ELIDED_SUBJECT = re.compile(
    r"(?:^(?:[-–]\s)?|(?<=[.:]\s)|(?<=Beslut - )|(?<=Beslut – )|(?<=Beslut: )|(?<=Beslut )|(?<=\d{4} )"
    # a memo's proposal whose body's name the template left out
    r"|(?<=[Ff]örslag till beslut )"
    # a "<body>s beslut" heading whose body a PDF lost ("(M). s beslut beslutar att utse ..."),
    # and the justerare's heading before "utser" ("Protokolljusterare utser Per Ek, C, att ...")
    r"|(?<=s beslut )|(?<=justerare ))"
    r"(?:beslutar\s+(?:enhälligt\s+)?(?:i enlighet med|enligt|att|" + _INFINITIVES[3:-1] + r")\s"
    r"|utser\s+(?=[A-ZÅÄÖ]))"
    # a template's empty "Diarienummer" field, then the body's verb without the body (Region
    # Skåne's minutes: "Diarienummer lägger rapporten till handlingarna.")
    r"|(?<=Diarienummer )(?:beslutar|lägger|godkänner|antar|fastställer|noterar|överlämnar|beviljar)\s"
)
#: Infinitives that read the same as the imperative: on their own ("Lämna ett
#: medborgarförslag ...", a web page's call to act) they open a decision item only after a cue
#: or a number.
_IMPERATIVE = re.compile(
    r"(?i)(?:anta|uppdra|lämna|notera|utse|bevilja|förklara|ge|lägga|anse|överlämna|översända|"
    r"återremittera|tilldela|ingå|teckna|uppmana|föreslå|besluta|revidera|anvisa|godta|"
    r"delegera|entlediga|avslå|avge|meddela|ta del av)\b"
)
#: The chair's finding right before a decision's lower-case subject.
_FINDS_THAT = re.compile(r"\bfinner(?: därmed)? att\s+(?P<subject>[a-zåäö-]+\s+)$")
#: A sentence that confirms the one before it as a body's decision: "Det har regionstyrelsen
#: beslutat.", "Det beslutade kommunfullmäktige i går."; or gives the verdict on the proposal it
#: tells of: "(MP) lämnade ett eget förslag till länsplan. Detta avslogs."
CONFIRMS_DECISION = re.compile(
    r"(?:Det (?:har (?:[\wåäö-]*(?:nämnden|styrelsen|fullmäktige|utskottet)) (?:nu |i dag |idag )?"
    r"beslutat|beslutade (?:[\wåäö-]*(?:nämnden|styrelsen|fullmäktige|utskottet))(?: [\wåäö ]{1,20})?)"
    r"|(?:Detta|Dessa|Yrkandet|Yrkandena|Förslaget|Förslagen) (?:avslogs|bifölls|godkändes"
    r"|antogs|återremitterades))\s*[.!]?\s*"
)

#: Keys of `_PASSIVE` (a clause holds one or the pattern is not tried) that the derivation of
#: `decisions._PASSIVE_WORDS` does not see: verbs before a lookahead or at a group's end
#: ("läggs(?= ... till handlingarna)", "(?:lämnas|fördelas)(?=", "antagen)|"). The participle
#: is the key of "är (härmed) besvarad", not "är".
PASSIVE_KEYS_BEYOND_PATTERN = frozenset(
    {
        "läggs",
        "lades",
        "tas",
        "lämnades",
        "överlämnades",
        "justeras",
        "ges",
        "fördelas",
        "skickas",
        "skickades",
        "antagen",
        "uppdras",
        "utgår",
        "översändes",
        "justering",
    }
)

#: A referral to a body: "lämnas till kommunstyrelsen för beredning".
_REFERRED = r" till (?:[^.]{0,40}?[a-zåäö](?:nämnden|styrelsen|fullmäktige|utskottet)\b|[^.]{0,60}? för bered)"
#: A passive decision early in a sentence: "Avsägelsen godkänns", "Förslaget anses besvarat",
#: in a report also the past: "Motionen avslogs".
_PASSIVE = re.compile(
    r"(?<!bör )(?<!ska )(?<!skall )(?<!kan )(?<!måste )(?<!inte )(?<!\bsom )\b(?P<verb>"
    + PASSIVE_DECISION_VERBS
    + r"|förklaras|anses|besvaras|påförs|läggs(?= (?:[\wåäö-]+ ){0,3}till handlingarna)|"
    r"höjs|sänks|inrättas|satsas|"
    r"tillstyrks|avstyrks|godtas|tillsätts|delegeras|medges|revideras|"
    # A notice's justerare, proposed: "Malin Ek (M) föreslås att jämte ordföranden justera
    # protokollet.", "Till att justera mötets protokoll föreslås Nina Lind (M)."
    r"föreslås(?=(?: att)?(?: jämte [\wåäö]+| tillsammans med [\wåäö]+)? justera\b)|"
    r"(?<=protokoll )föreslås|(?<=protokollet )föreslås|(?<=justerare )föreslås|"
    # The justering's time, set by the meeting: "Protokollet justeras digitalt senast den 19
    # december 2018.", "Justering sker digitalt senast den 29 september 2022."
    r"(?<=[Pp]rotokollet )justeras(?= (?:digitalt )?(?:senast )?den\b)|"
    r"(?<=[Jj]ustering )sker(?= (?:digitalt )?(?:senast )?den\b)|"
    # ... and anyone proposed for a post by name and party: "Till ordförande föreslås Anna Ek
    # (M), Per Lund (KD) till 1:e vice ordförande …"
    r"föreslås(?= (?:[A-ZÅÄÖ][\wåäöé-]+ ){1,3}\(\s?[A-ZÅÄÖa-zåäö]{1,5}\s?\))|"
    r"lämnas utan (?:vidare )?åtgärd|tas till (?:dagens )?protokoll(?:et)?|justeras omedelbart|"
    # "Regiondirektören får i uppdrag att ...", "Rapporten tas emot."
    r"(?:får|ges) i uppdrag|tas emot(?= *[.,]| och)|"
    # "Ärendet utgår.", "Punkten utgår ur dagordningen" (not "Ärendet utgår från en motion")
    r"utgår(?:(?<=rendet utgår)|(?<=unkten utgår))(?=[ \t]*[.,]|[ \t]+ur\b|[ \t]+från dagordningen)|"
    # "Det uppdras åt äldreomsorgsnämnden att …", "Förvaltningen uppdras att …"
    r"uppdras(?= åt\b| till\b| att\b)|"
    # "Interpellationen är härmed besvarad.", "Motionen är remitterad till utskottet."
    r"är (?:härmed |därmed )?(?:besvarad|besvarat|remitterad|remitterat|bifallen|avslagen|antagen)|"
    r"(?:lämnas|fördelas|skickas)(?:(?: nu| vidare| därför| också){0,2})(?="
    + _REFERRED
    + r")|(?P<past>(?:(?:[Öö]ver)?[Ll]ämnades|[Ss]kickades)(?="
    + _REFERRED
    + r")|(?<=[Bb]eslut )togs|(?<=[Bb]eslutet )togs|valdes|utsågs|antogs|godkändes|fastställdes|avslogs|"
    r"biföllls|bifölls|beviljades|fattades|återremitterades|förklarades|entledigades|bordlades|"
    r"besvarades|översändes(?! härmed)|remitterades|omvaldes|fastslogs|fick (?:i|ett) uppdrag|"
    r"lades(?= (?:[\wåäö-]+ ){0,3}till handlingarna)))\b(?! det\b)"
)
#: The municipality or region itself as a decision's subject, with a verb that only a decision
#: uses in the present: "Örebro kommun avskriver …", "Region Skåne antar …".
MUNICIPALITY_DECIDES = re.compile(
    r"(?P<subject>\b[A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)? (?:kommun|stad)|\bRegion "
    r"[A-ZÅÄÖ][a-zåäö]+(?: län)?) (?P<verb>beslutar|antar|godkänner|fastställer|avskriver|"
    r"avslår|bifaller|tillstyrker|avstyrker|upphäver|beviljar|avsätter)\b"
)

#: Words that announce the decision items after them, and whether they propose.
CUE = re.compile(
    # A motion's "Jag yrkar / att ...", "Vi föreslår därför / att ...".
    # Also with its addressee and blank lines before the list: "Centerpartiet föreslår Bodens
    # kommun\n\n • Att ...", "Staffanstorpspartiet yrkar,\n\natt ...".
    r"(?i)(?P<proposal>\b(?:yrkar|föreslår)(?: därför)?(?:(?:[ \t]+[\wåäö]+){0,3}"
    # ... or closing its clause with a colon ("Därför föreslår Centerpartiet:"): the points
    # follow in the next.
    # ... or ending its sentence, a line of its own over the points ("Habodemokraterna
    # föreslår\n\nAtt kostnaderna utreds"): `find_decisions` carries it to the next.
    # ... or ending with its "att" over bulleted points ("Vänsterpartiet yrkar att\n\n •
    # kommunen går till länsstyrelsen …").
    r"(?=[ \t]*[:,]?[ \t]*\n\s*(?:[-•–][ \t]*)?att\s|[ \t]*:[ \t]*(?:\n|$)|[ \t]*$"
    r"|(?<=\batt)[ \t]*\n\s*[-•–][ \t]*\w)"
    # ... with a party's whole name before its colon and att-clauses ("Därför föreslår Partiet
    # Sans o Balans i Hammarö fullmäktige:\n\nAtt kommunen utreder …"); one prefix for both
    # readings, tested once
    r"|(?:[ \t]+[\wåäö]+){4,7}(?=[ \t]*:[ \t]*(?:\n\s*att\s|$)))"
    # "I att-satsen yrkas på att ...": a motion's points reported
    r"|\byrkas(?: på)?(?=\s+att\s)"
    # "(S) lämnade tilläggsyrkanden om att\n\n • uppdra åt …": members' proposals reported (the
    # first letter tested first: this branch is tried at every word)
    r"|\b(?=[täy])(?:tilläggs|ändrings)?yrkanden? om att(?=[ \t]*\n\s*[-•–])"
    # A motion's heading over its att-clauses: "Yrkande:\n\n • att extra val ...".
    # (Minutes' "Yrkanden:" over members' proposals only where an att-clause follows.)
    r"|(?:^|(?<=\n))[ \t]*(?:yrkande(?=[ \t]*:[ \t]*(?:\n\s*(?:[-•–][ \t]*)?att\s|$))"
    r"|yrkanden(?=[ \t]*:[ \t]*\n\s*(?:[-•–][ \t]*)?att\s))|\bbeslutsförslag:?|förslag(?:et)? till [\wåäö -]{0,60}?(?:beslut|styrelsen|nämnden|fullmäktige|"
    r"utskottet)(?:[\wåäö ]{0,30}:)?|ordförandens förslag|(?:föreslå[rs]|föreslog) [\wåäö ]{0,60}?beslut(?:a|ar)\b"
    r"(?: följande[.:]?| att)?:?|förslag till beslut:?|\bföreslår(?=\s+1[.)]\s+att\s)|(?-i:[A-ZÅÄÖ])[\wåäö-]*(?:nämndens|styrelsens|"
    r"fullmäktiges|utskottets|presidiets|förvaltningens|kontorets|direktörens)\s+förslag"
    # "Arbetsutskottets förslag till kommunstyrelsen att ...": with its addressee
    r"(?:\s+till\s+[\wåäö-]*(?:nämnden|styrelsen|fullmäktige|utskottet))?:?)"
    # The verb once, its readings as the tails (one alternative per reading would test the
    # verb's three forms at every position once more each):
    r"|(?P<decision>\b(?:beslutar|beslutade|beslöt)(?:"
    # "… beslutar att:", "… beslutar därför:"
    r"(?: därför| för egen del)?(?: att)?:"
    # "… beslutar 1. Meddela nämnden …" (numbered points right after the verb)
    r"|(?=\s+1[.)](?:\s+[A-ZÅÄÖ]|\s*$))"
    # "... beslutar\natt anta ...,\natt ge ...": att-satser on lines of their own, or two or
    # more in a row, are one decision point each.
    r"|(?: därför)?(?=[ \t]*\n\s*(?:[-•–][ \t]*)?att\s|\s+att\s[^.\n]{3,300}?[,;]\s+att\s)"
    # "Kommunstyrelsen beslutade även att\n • godkänna …\n • avslå …": the points bulleted
    # (or ending its sentence, the points in the next: a blank line before a bullet and a
    # capital ends a sentence)
    # "På mötet beslutade fullmäktige bland annat att\n • anta …": the body and an adverb
    # between the verb and its "att"
    # ("… bland annat om\n • utträde ur …", "… beslutade att utse\n • Eva Ek (V) till …")
    r"|(?:[ \t]+(?!att\b)[\wåäö]+){0,3}? (?:att(?: [a-zåäö]+)?|om)"
    r"(?=[ \t]*\n\s*[-•–][ \t]*\w|\s*(?:[•–][ \t]*)?$))|\bbeslut:|"
    # "Kommunfullmäktige väljer\n • Jan Lilja (SD) som ny nämndeman …": the persons elected
    r"\b(?:väljer|valde|utser|utsåg)(?=[ \t]*\n\s*[-•–][ \t]*[A-ZÅÄÖ]|\s*$)|"
    r"(?-i:[A-ZÅÄÖ])[\wåäö-]*"
    r"(?:nämndens|styrelsens|fullmäktiges|utskottets)\s+beslut:)"
)

#: A decision given as the proposal it follows: "Beslut enligt regionstyrelsens förslag med
#: korrigering av datum …", "Beslöts i enlighet med arbetsutskottets förslag."; and the
#: verb first, as older minutes write: "Beslutas att styrelsens protokoll skall justeras …".
_DECIDED_AS = re.compile(
    r"(?:Beslut|Beslutades|Beslöts) (?:enligt|i enlighet med) \w"
    r"|(?:Beslutas|Beslutades|Beslöts)(?: enhälligt)? att \w"
)

#: A question put to the meeting: its passive verb is not yet a decision.
_ASKS = re.compile(r"(?i)\b(?:efterhör|frågar|ställer proposition|prövar|meddelar)\b")

#: The end of a clause inside a sentence span of flattened text: ". 66 Godkännande",
#: ". Kommunstyrelsen" (a period after a word, not after "kl" or "t.ex").
_CLAUSE_END = re.compile(
    # (the lookahead first lets the search skip the letters in between: the alternatives
    # opening with lookbehinds made it 2.5 times slower)
    r"(?=[.: \t])(?:(?<=[\wåäö)”\"%])[.:](?=\s+(?:[A-ZÅÄÖ0-9•]|[a-h]\)\s|\((?=[A-ZÅÄÖ])|$))"
    # a lone ")" whose item number the PDF-to-text step lost: "… för perioden ) Kommunstyrelsens
    # arbetsutskott beslutar att …"
    r"|(?<=[\wåäö])(?=[^\S\n]+\)\s+[A-ZÅÄÖ]))"
)

#: `_INVERTED`'s verbs that take a decision only with a kind of it after the body ("tog
#: regionstyrelsen ett inriktningsbeslut"): past forms outside `_PAST`.
_INVERTED_KINDS_OF_DECISION = frozenset({"tog", "fattade"})
