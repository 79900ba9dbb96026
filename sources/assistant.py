"""The sourcing assistant: finds quotes, speakers and attributions in a story's text.

Pure functions, no database: text (plain, or sanitized body HTML) in, proposals out. It is
rule-based on purpose, so that every proposal can be explained by the pattern that found it
and nothing is downloaded at run time. Spans are offsets into `story_text(body)`.

How it reads a story:
1. Quotes are found first (straight or curly double quotes; single quotes are nested quotes
   or apostrophes). A quote left open at the end of a paragraph runs on into the next
   paragraph when that one opens with a quote mark; a quote broken by an attribution
   ("As always," she said, "we ...") is one quote.
2. Quote interiors are then masked, so nothing said *inside* a quote ("I read it in The
   Times") is taken for an attribution of the story itself.
3. Attribution clauses (quote attributions, "X said ...", "according to X", outlet credits,
   declines, anonymity) become events, resolved in reading order: "she" is the last named
   speaker, "Strickland" the earlier "Rep. Marilyn Strickland", "the officials" the earlier
   "U.S. officials".
4. Events become proposals, one per quote and one per source and kind otherwise, matched
   against the registry by name, alias and surname.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from articles.html import html_to_text

QUOTED = "quoted"
PARAPHRASED = "paraphrased"
REPORTED_BY = "reported_by"
DECLINED = "declined"
NO_RESPONSE = "no_response"

MASK = "#"


# --- Public data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistryEntry:
    """A source the newsroom already knows, as the assistant needs it (no database)."""

    id: int | None
    name: str
    aliases: tuple[str, ...] = ()
    descriptor: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Quote:
    """A direct quote: its words, where it is, and who said it (None when nobody is named)."""

    text: str
    span: tuple[int, int]
    speaker: str | None = None
    descriptor: str = ""
    outlet: str = ""


@dataclass(frozen=True)
class Proposal:
    """One attribution the assistant proposes for staff to accept, edit or dismiss."""

    kind: str
    name: str
    span: tuple[int, int]
    evidence: str
    quote: str = ""
    descriptor: str = ""
    anonymous: bool = False
    anonymity_reason: str = ""
    outlet: str = ""
    reported_on: date | None = None
    source_id: int | None = None

    @property
    def fingerprint(self) -> str:
        """Stable across re-runs on the same words, whatever moved around them."""
        evidence = " ".join(_plain_quotes(self.evidence).lower().split())
        raw = "\x1f".join([self.kind, self.name.lower(), _plain_quotes(self.quote), evidence])
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def story_text(text: str) -> str:
    """Plain text the spans refer to: sanitized HTML is converted, plain text kept as is."""
    if re.search(r"(?i)<(p|br|h[2-4]|li|blockquote)\b", text or ""):
        return html_to_text(text)
    return text or ""


def propose_attributions(
    text: str, registry: Iterable = (), *, today: date | None = None
) -> list[Proposal]:
    """Every attribution the story's text makes, as proposals in reading order."""
    return _Reader(story_text(text), registry, today or date.today()).proposals()


def find_quotes(text: str, registry: Iterable = ()) -> list[Quote]:
    """Every direct quote, with its speaker resolved (None for a quote nobody is named for)."""
    return _Reader(story_text(text), registry, date.today()).quotes()


def find_descriptors(text: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(name, descriptor as written, span) for "Rep. Jane Doe (D-Wash.)" and "Jane Doe, a
    spokeswoman for the agency," — names without their titles."""
    plain = story_text(text)
    masked = _mask(plain, _segments(plain, _paragraph_spans(plain)))
    return [(name, desc, span) for name, desc, span, _titles in _descriptor_mentions(masked)]


# --- Vocabulary -------------------------------------------------------------------------------

_QUOTE_VERBS = (
    r"said|says|say|told|tells|added|adds|asked|asks|wrote|writes|explained|recalled|continued|"
    r"noted|argued|insisted|testified|stated|tweeted|posted|warned|replied|responded|"
    r"acknowledged|admitted|conceded|declared|announced|joked|shouted|cautioned|pleaded|"
    r"remarked|observed|quipped|predicted|vowed|countered|concluded|complained|boasted|agreed|"
    r"emphasized|stressed|urged|promised|exclaimed|whispered|yelled|recounted|texted|emailed|"
    r"confirmed|reported|forecast|predicts|recalls|counters|notes|warns|argues|testifies"
)
# Verbs that introduce a paraphrase on their own ("Police said the driver was 34")...
_FREE_SPEECH_VERBS = r"said|says|say|told|tells"
# ...and verbs that only do with "that" after them ("She added that ..." but not "She added
# a third goal"), unless they close the sentence ("..., the mayor added.").
_THAT_SPEECH_VERBS = (
    r"added|wrote|writes|noted|argued|insisted|testified|stated|warned|acknowledged|admitted|"
    r"conceded|declared|announced|confirmed|estimated|predicted|claimed|alleged|contended|"
    r"maintained|explained|suggested|cautioned|emphasized|stressed|agreed|believes|believe|"
    r"found|finds|concluded|showed|shows|countered|recalled|observed|asserted|complained|"
    r"disclosed|revealed|reiterated|indicated|signaled|insists|argues|notes|warns|recalls|"
    r"announces|testifies|acknowledges|counters|show"
)
# "..., warning that ...": a participle whose subject is the sentence's
_PARTICIPLE_SPEECH = re.compile(
    r",\s+(?:warning|saying|arguing|noting|adding|predicting|claiming|insisting|contending|"
    r"asserting|stressing|acknowledging|complaining|suggesting|cautioning)\s+that\b"
)
# ...and verbs whose object is the claim itself ("The weather service forecast highs of 112").
_OBJECT_SPEECH_VERBS = (
    r"forecast|forecasts|projected|projects|estimated|estimates|predicted|predicts|"
    # "a change that city staff estimate will bring in": a plural verb that is also a noun,
    # only before the verb of the claim
    r"estimate(?=\s+(?:will|would|could|can|may|might|is|are|was|were)\b)"
)
_PARTIAL_QUOTE_VERBS = r"called|described|dubbed|labeled|termed"
# Words a partial quote opens with when it only says how a claim made before it happened.
_ADVERBIAL_OPENERS = {
    "without",
    "with",
    "by",
    "because",
    "after",
    "before",
    "despite",
    "until",
    "while",
    "since",
    "against",
    "under",
}

_WEEKDAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_ADVERBIALS = re.compile(
    r"(?:\s+(?:has|have|had|also|previously|later|then|once|repeatedly|often|publicly|"
    r"privately|recently|long|initially|first|further|again|earlier|still|both|all|only|"
    r"never|always|separately|similarly|likewise|immediately|quickly|simply|flatly|bluntly|"
    rf"on\s+(?:{_WEEKDAYS})|{_WEEKDAYS}|last\s+(?:week|month|year|night)|this\s+(?:week|month)|"
    r"in\s+(?:a|an)\s+\w+(?:\s+\w+)?))+\s*$"
)
_LEADING_ADVERBIALS = re.compile(
    rf"^\s*(?:(?:on\s+)?(?:{_WEEKDAYS})|in\s+(?:a|an)\s+\w+(?:\s+\w+)?|later|again|also|"
    r"last\s+(?:week|month|year|night)|this\s+(?:week|month))\b\s*,?"
)

_GROUP_NOUNS = (
    r"officials|official|people|person|sources|source|aides|aide|diplomats|diplomat|"
    r"advisers|adviser|advisors|advisor|executives|executive|employees|employee|staffers|"
    r"insiders|negotiators|lawmakers|residents|witnesses|investigators|prosecutors|police|"
    r"authorities|experts|analysts|researchers|scientists|officers|doctors|critics|"
    r"supporters|organizers|neighbors|parents|students|teachers|firefighters|agents|"
    r"relatives|activists|leaders|representatives|members|others|economists|engineers|"
    r"forecasters|regulators|inspectors|nurses|scholars|historians|managers|coaches|players|"
    r"biologists|ecologists|physicians|epidemiologists|attorneys|lawyers|companies|"
    r"agencies|families|voters|owners|economists|survivors|victims|workers|authors|trustees|"
    r"editors|jurors|bystanders|tenants|renters|customers|shoppers|fans|commuters|riders|passengers|patients|"
    r"homeowners|farmers|drivers|donors|shareholders|investors|traders|teammates|colleagues|"
    r"volunteers|statisticians|reviewers|auditors|consultants|contractors|landlords|clergy|"
    r"educators|administrators|commissioners|councilmembers|senators|legislators|judges|"
    r"deputies|troopers|soldiers|scouts|staff|staffers|friends|neighbours"
)
_ROLE_NOUNS = (
    r"mayor|governor|senator|judge|justice|coach|president|spokesman|spokeswoman|spokesperson|"
    r"lawyer|attorney|prosecutor|company|agency|department|ministry|office|campaign|district|"
    r"city|county|school|university|hospital|team|club|union|researcher|scientist|official|"
    r"chief|director|manager|owner|chairman|chairwoman|chair|superintendent|sheriff|candidate|"
    r"lawmaker|minister|ambassador|officer|detective|witness|victim|mother|father|woman|man|"
    r"administration|government|board|council|commission|firm|utility|airline|church|group|"
    r"developer|landlord|principal|teacher|doctor|nurse|professor|economist|captain|player|"
    r"quarterback|pitcher|goalkeeper|striker|midfielder|forward|guard|defender|referee|"
    r"commissioner|mayor's office|plaintiff|defendant|suspect|lead author|author|biologist|"
    r"ecologist|engineer|inspector|architect|pastor|neighbor|resident|local|bureau|service|"
    r"trustee|juror|bystander|student|attendant|accountant|assistant|applicant|participant|"
    r"immigrant|statistician|analyst|editor|reviewer|auditor|consultant|contractor|tenant|"
    r"museum|diocese|parish|library|zoo|airport|port|plant|factory|store|retailer|"
    r"restaurant|network|station|foundation|authority|association|institute|nonprofit|"
    r"charity|coalition|bank|lender|insurer|manufacturer|automaker|carrier|railroad|"
    r"operator|regulator|court|prison|jail|embassy|legislature|laboratory|lab|center|chain|"
    r"publisher|journal|newspaper|developer's office|college|academy|clinic|shelter|"
    r"employer|archdiocese|synagogue|mosque|temple|tribe|nation|league|federation|ministry"
)
_DOCUMENT_NOUNS = (
    r"records|documents|report|filing|filings|complaint|lawsuit|indictment|affidavit|data|"
    r"figures|estimates|study|survey|poll|memo|letter|transcript|analysis|audit|review|draft|"
    r"drafts|copy|summary|"
    r"ruling|opinion|order|statement|paper|minutes|notice|motion|brief|warrant|citation"
)
_ANONYMITY_WORDS = re.compile(
    r"(?i)\b(?:anonymous|unnamed|unidentified|familiar with|briefed on|with knowledge of|"
    r"knowledgeable about|close to the|who spoke on condition|who requested anonymity|"
    r"who asked not to be|who declined to be|not authorized)\b"
)
_ANONYMITY_CLAUSE = re.compile(
    r"(?i)condition of anonymity|condition that (?:they|he|she) not be (?:named|identified)|"
    r"requested anonymity|asked not to be (?:named|identified)|declined to be (?:named|identified)|"
    r"not authorized to|spoke anonymously|speaking anonymously|granted anonymity|"
    r"insisted on anonymity"
)

_TITLE_TOKENS = {
    "rep.",
    "sen.",
    "gov.",
    "lt.",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "prof.",
    "rev.",
    "gen.",
    "col.",
    "capt.",
    "sgt.",
    "det.",
    "adm.",
    "maj.",
    "supt.",
    "atty.",
    "del.",
    "mayor",
    "judge",
    "justice",
    "president",
    "vice",
    "secretary",
    "chief",
    "coach",
    "officer",
    "detective",
    "sergeant",
    "lieutenant",
    "captain",
    "commissioner",
    "superintendent",
    "sheriff",
    "councilwoman",
    "councilman",
    "councilmember",
    "senator",
    "representative",
    "governor",
    "attorney",
    "general",
    "district",
    "u.s.",
    "state",
    "prime",
    "minister",
    "chancellor",
    "principal",
    "pastor",
    "deputy",
    "assistant",
    "associate",
    "acting",
    "interim",
    "former",
    "speaker",
    "leader",
    "trooper",
    "inspector",
    "magistrate",
    "bishop",
    "rabbi",
    "professor",
    "director",
    "manager",
    "executive",
    "ceo",
    "chairman",
    "chairwoman",
    "chair",
    "ambassador",
    "police",
    "fire",
    "county",
    "city",
    "federal",
    "circuit",
    "superior",
    "senior",
    "special",
    "agent",
    "nurse",
    "firefighter",
    "defense",
    "majority",
    "minority",
    "whip",
    "house",
    "senate",
    "athletic",
    "head",
    "offensive",
    "defensive",
    "coordinator",
    "midfielder",
    "forward",
    "quarterback",
    "goalkeeper",
    "striker",
    "defender",
    "pitcher",
    "guard",
    "center",
    "patrolman",
    "provost",
    "council",
    "battalion",
    "board",
    "member",
    "school",
    "court",
    "appeals",
    "hon.",
    "msgr.",
    "fr.",
    "sister",
    "brother",
}
_ORG_WORDS = {
    "department",
    "office",
    "house",
    "council",
    "committee",
    "agency",
    "board",
    "commission",
    "university",
    "college",
    "school",
    "company",
    "inc.",
    "corp.",
    # the names as read, without the final period: "Acme Corp., said ..."
    "inc",
    "corp",
    "ltd",
    "plc",
    "co.",
    "llc",
    "association",
    "union",
    "party",
    "court",
    "administration",
    "ministry",
    "authority",
    "service",
    "services",
    "bureau",
    "institute",
    "foundation",
    "center",
    "centre",
    "hospital",
    "club",
    "team",
    "league",
    "federation",
    "group",
    "bank",
    "project",
    "coalition",
    "alliance",
    "network",
    "senate",
    "foods",
    "markets",
    "stores",
    "brands",
    "holdings",
    "nutrition",
    "securities",
    "congress",
    "assembly",
    "legislature",
    "kremlin",
    "pentagon",
    "government",
    "city",
    "county",
    "district",
    "nations",
    "organization",
    "society",
    "system",
    "partners",
    "trust",
    "software",
    "systems",
    "street",
    "avenue",
    "road",
    "boulevard",
    "river",
    "lake",
    "springs",
    "heights",
    "falls",
    "valley",
    "county's",
    "high",
    "labs",
    "laboratory",
    "airlines",
    "motors",
    "police",
    "army",
    "navy",
    "force",
    "corps",
    "forces",
    "museum",
    "library",
    "embassy",
    "consulate",
    "parliament",
    "cabinet",
    "tribunal",
    "clinic",
    "academy",
    "local",
    "railroad",
    "transit",
    "utilities",
    "energy",
    "press",
    "news",
    "times",
    "post",
    "journal",
    "tribune",
    "herald",
    "fc",
    "logistics",
    "industries",
    "technologies",
    "pharmaceuticals",
    "capital",
    "brothers",
    "builders",
    "chemical",
    "chemicals",
    "enterprises",
    "solutions",
    "insurance",
    "financial",
    "communications",
    "properties",
    "construction",
    "manufacturing",
    "therapeutics",
    "biosciences",
    "ventures",
    "investments",
    "associates",
    "exchange",
    "healthcare",
    "diocese",
    "archdiocese",
    "parish",
    "united",
    "rangers",
    "department's",
    "district's",
    "sheriff's",
    "prosecutor's",
    "attorney's",
    "mayor's",
    "governor's",
}
_STOP_STARTS = {
    "but",
    "and",
    "yet",
    "so",
    "still",
    "however",
    "meanwhile",
    "then",
    "also",
    "instead",
    "now",
    "which",
    "who",
    "whom",
    "nor",
    "or",
    "while",
    "as",
    "though",
    "although",
    "because",
    "when",
    "where",
    "if",
    "since",
    "after",
    "before",
    "what",
    "even",
    "indeed",
}
_NOT_NAMES = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "we",
    "i",
    "you",
    "he",
    "she",
    "they",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "there",
    "here",
    "some",
    "many",
    "most",
    "both",
    "all",
    "other",
    "several",
    "two",
    "three",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "last",
    "next",
    "one",
    "no",
    "not",
    "each",
    "every",
    "such",
    "after",
}

_KNOWN_OUTLETS = {
    "associated press",
    "ap",
    "reuters",
    "bloomberg",
    "bloomberg news",
    "cnn",
    "nbc news",
    "abc news",
    "cbs news",
    "fox news",
    "msnbc",
    "npr",
    "pbs",
    "bbc",
    "afp",
    "agence france-presse",
    "politico",
    "axios",
    "propublica",
    "atlantic",
    "new yorker",
    "economist",
    "financial times",
    "ntd",
    "c-span",
    "al jazeera",
    "univision",
    "telemundo",
    "newsweek",
    "vox",
    "hill",
    "semafor",
    "intercept",
    "verge",
    "wired",
    "buzzfeed news",
    "vice news",
    "huffpost",
    "daily beast",
    "yahoo news",
    "kff health news",
    "stat",
    "espn",
    "the athletic",
    "athletic",
    "nature",
    "science",
    "lancet",
    "kyodo",
    "xinhua",
    "tass",
    "yonhap",
    "dpa",
    "efe",
    "ansa",
}
_OUTLET_LAST_WORDS = {
    "times",
    "post",
    "journal",
    "news",
    "tribune",
    "herald",
    "gazette",
    "chronicle",
    "inquirer",
    "globe",
    "guardian",
    "telegraph",
    "observer",
    "examiner",
    "bee",
    "courier",
    "dispatch",
    "ledger",
    "register",
    "enquirer",
    "reporter",
    "sentinel",
    "monitor",
    "magazine",
    "radio",
    "television",
    "tv",
    "wire",
    "daily",
    "star-ledger",
    "times-picayune",
    "star-tribune",
    "star",
    "mercury",
    "bulletin",
    "beacon",
    "courant",
    "oregonian",
    "tennessean",
    "statesman",
    "advocate",
    "press",
    "broadcasting",
    "newspaper",
    "weekly",
    "journal-constitution",
    "democrat",
    "gazette-journal",
    "review-journal",
    "record",
}

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_DATE = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|April|May|June?|July?|Aug(?:ust|\.)?|"
    r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)\s+"
    r"(?P<day>\d{1,2})\b(?:,\s*(?P<year>\d{4}))?"
)

# Names: "Marilyn", "O’Neill", "J.", "U.S.", "Rep." and particles inside ("Ana de la Cruz").
_TITLE_ABBR = (
    r"(?:Rep|Sen|Gov|Dr|Mr|Mrs|Ms|Jr|Sr|Lt|Gen|Col|Capt|Sgt|Det|St|Prof|Rev|Supt|Adm|Maj|Atty|"
    r"Del|Hon|Msgr|Fr|Cmdr|Insp|Cpl|Pvt|Amb|Sec|Pres)\."
)
# Numbered units are names too: "Amalgamated Transit Union Local 1107", "Engine 22".
_NUMBERED = (
    r"(?:Local|Chapter|Lodge|Unit|Ward|Post|Precinct|Station|Engine|Ladder|Squadron|Division|"
    r"District|Company|Troop|Council|Section|Region|Area|Branch|No\.)\s+\d{1,5}[A-Z]?\b"
)
_NAME_TOKEN = rf"(?:{_NUMBERED}|{_TITLE_ABBR}|[A-Z]\.(?:[A-Z]\.)*|[A-Z][\w’'&-]*[\w]|[A-Z])"
_PARTICLE = r"(?:de|da|del|della|di|van|von|der|den|la|le|du|bin|ibn|al|el)"
_CONNECTOR = r"(?:of|for)(?:\s+the)?"
_CAPSEQ = (
    rf"{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_TOKEN}|"
    rf"\s+{_CONNECTOR}\s+{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})*(?:,?\s+and\s+{_NAME_TOKEN}(?=\s|,|\.|$))?)*"
    r"(?:\s+(?:Jr\.|Sr\.|II|III|IV))?"
)
_APPOSITIVE = (
    r"(?:(?:a|an|the|[A-Z][\w’'-]*['’]s?)\s+|(?:[a-z][\w-]*\s+){0,3}?(?:of|for|at|with)\s+)"
    # "chief executive of Lumora Inc.,": a company's abbreviation does not end the appositive
    r"(?:[A-Z]\.(?:[A-Z]\.)+|(?:Inc|Corp|Co|Ltd|Bros|St|Mt)\.(?=,|$)|[^,.;#“”\"()])+?"
)

_NAMED_NP = re.compile(
    r"(?:(?P<the>[Tt]he)\s+)?(?:(?:state|city|county|federal|local|national|regional)\s+)?"
    rf"(?P<name>{_CAPSEQ})"
    r"(?:\s*\((?P<paren>[^()]{1,40})\))?"
    r"(?:,\s*(?:\d{1,3},\s*)?(?P<appos>" + _APPOSITIVE + r"))?,?"
)
# "Lorena Vidal of the Eastbrook district": the body may end in a lowercase noun
_NAME_OF_ORG_NP = re.compile(
    rf"(?P<name>{_CAPSEQ})\s+(?P<desc>(?:of|from|at|with)\s+(?:the\s+)?{_CAPSEQ}"
    r"(?:\s+(?:district|school|county|city|department|office|company|team|club|union|"
    r"board|council|campaign|church|hospital|university|college|agency|group|firm))?)"
)
_PRE_APPOSITIVE_NP = re.compile(
    r"(?P<desc>(?:the|a|an|(?i:his|her|their|its|our|my)|(?:[A-Z][\w’'-]*\s+){0,3}"
    r"[A-Z][\w’'-]*['’]s)\s+[^,#“”\"]{2,60}),\s+"
    r"(?P<name>" + _CAPSEQ + r"),?"
)
_ROLE_FOR_NP = re.compile(
    r"(?i:(?:a|an|the)\s+)?(?P<role>(?i:spokes(?:man|woman|person)|representatives?|lawyers?|"
    r"attorneys?|press secretary|aides?))\s+(?:for|to|of)\s+(?P<who>.+)"
)
_POSSESSIVE_ROLE_NP = re.compile(
    rf"(?P<who>(?:[Tt]he\s+)?{_CAPSEQ})['’]s?\s+(?P<role>spokes(?:man|woman|person)|office|"
    r"lawyers?|attorneys?|representatives?|campaign|press office|press secretary)"
)
_GROUP_NP = re.compile(
    r"(?P<det>(?:(?i:the|a|an|this|that|these|those|one|another|two|three|four|five|six|seven|eight|nine|ten|several|some|many|"
    r"multiple|other|both|all|more than a dozen|dozens of|a dozen|\d+)\s+)*)"
    r"(?P<mods>(?:(?:[A-Z][\w.’'-]*|(?!(?:by|of|to|for|in|on|with|and|or|the|a|an|that|who|"
    r"was|were|is|are|has|have|had)\b)[a-z][a-z-]*(?<!ed))\s+){0,3}?)"
    rf"(?P<head>(?i:{_GROUP_NOUNS}))"
    r"(?P<qual>\s+(?:familiar|briefed|with|close|who|involved|knowledgeable|in|at|from|of|on|"
    r"for|outside|inside|across|within|among|around|not\s+involved)\b[^,#“”\"]*)?,?"
)
_NOMINAL_NP = re.compile(
    r"(?P<det>(?i:the|a|an|this|that|one|another))\s+(?P<mods>(?:[\w’'-]+\s+){0,3}?)"
    rf"(?P<role>{_ROLE_NOUNS})(?P<office>['’]s\s+office)?"
    # "The host government’s embassy in Washington": where it sits is not who it is
    rf"(?:\s+in\s+{_CAPSEQ})?(?P<qual>\s+who\b[^,#]*)?,?"
)
# "The United Food and Commercial Workers union": a name and the kind of body it is
_NAMED_BODY_NP = re.compile(
    rf"(?:[Tt]he\s+)?(?P<name>{_CAPSEQ})\s+(?P<noun>union|local|district|company|campaign|"
    r"coalition|alliance|group|chain|firm|lab|laboratory|agency|department|board|council|party)"
)
# "One juror", "a bystander": one unnamed person, by a noun that reads as a person's role
_UNLISTED_ROLE_NP = re.compile(
    r"(?i:one|another|a|an)\s+(?:[a-z-]+\s+){0,2}?"
    r"(?P<role>[a-z]+(?:er|or|ist|ian|man|woman|person|ee))"
)
_UNLISTED_GROUP_NP = re.compile(
    r"(?:(?i:the)\s+)?(?:(?!(?:that|this|these|those|a|an|and|or|of|to|in|on|by|for|with|at|"
    r"from|as|but|if|which|who|when|than|then|so)\b)[a-z]+\s+){0,2}?"
    r"(?P<head>[a-z]{3,}(?:ers|ors|ists|ians))"
)
# "a Treasury spokesperson", "a company representative": the body behind the voice
_MODIFIER_ROLE_NP = re.compile(
    r"(?i:a|an|the)\s+(?P<who>[\w.’'-]+(?:\s+[\w.’'-]+)?)\s+"
    r"(?:spokes(?:man|woman|person)|representative|lawyer|attorney|official)"
)
# "coach Marcus Webb", "Pinecrest coach Ellen Fisk": lowercase titles before a name
_LOWER_TITLE_PREFIX = re.compile(
    r"(?P<pre>(?:[A-Z][\w’'-]*\s+)?(?:[a-z]+\s+){1,2})(?P<rest>[A-Z].*)"
)
# A clause or phrase that interrupts a subject before its verb: "Name, who ...,", "Name of
# the X district, where ...,", "Name, in his first season,", "Name, 34,".
_TRAILING_CLAUSE = re.compile(
    r",\s*(?:and\s+)?(?:who|whose|which|where|when|[a-z]+ed\b|\d{1,3}\s*$|\d{1,3},|"
    r"(?:in|at|during|after|before|now\s+in|then\s+in)\s+(?:his|her|their|its)\b)[^,#]*,?\s*$"
)
_DOCUMENT_NP = re.compile(
    r"(?:(?i:the|a|an)\s+)?(?P<mods>(?:[\w’'-]+\s+){0,3}?)"
    rf"(?P<head>(?i:{_DOCUMENT_NOUNS}))"
    # "a draft of the bill", "a report by the state auditor": the complement says whose
    r"(?P<comp>\s+(?:of|by)\s+(?:(?:the|a|an|its|his|her|their)\s+)?"
    r"(?:(?!(?:in|on|at|that|which|and|or|to|for|from|with|was|were|is|are|last|this)\b)"
    r"[\w’'.-]+(?<!ed)(?:\s+|(?=,|$))){1,4}?)?"
    r"(?:\s*\b(?:by|from|of|in|[a-z]+ed|filed|released|obtained|published|conducted|issued|"
    r"prepared|seen)\b[^,#]*)?"
)
_PRONOUN = re.compile(r"(?i)(?P<p>he|she|they|it)")

_QUOTE_VERB_RE = re.compile(rf"\b(?:(?:has|have|had)\s+said|{_QUOTE_VERBS})\b")
_PRE_QUOTE_VERB_RE = re.compile(
    rf"\b(?:(?:has|have|had)\s+said|{_QUOTE_VERBS}|{_PARTIAL_QUOTE_VERBS})\b"
)
_FREE_VERB_RE = re.compile(rf"\b(?:{_FREE_SPEECH_VERBS})\b")
_THAT_VERB_RE = re.compile(rf"\b(?:{_THAT_SPEECH_VERBS})\b")
_THAT_AFTER = re.compile(
    rf"^(?:\s+(?:on\s+)?(?:{_WEEKDAYS})|\s+in\s+(?:a|an)\s+\w+(?:\s+\w+)?|\s+last\s+\w+|"
    # "argued at the hearing that", "wrote in a note to clients that", "said on Fox News that"
    r"\s+(?:on|in|at|during|before|after|to|with|from|through|via|over)\s+[^.;:#“”\"]{1,50}?)*"
    r"\s+that\b"
)
_OBJECT_VERB_RE = re.compile(rf"\b(?:{_OBJECT_SPEECH_VERBS})\b")
# ", the museum announced Wednesday, ending ...": the attribution set off by commas
_PARENTHETICAL_AFTER = re.compile(
    rf"^(?:\s+(?:on\s+)?(?:{_WEEKDAYS})|\s+(?:last|this|on|in)\s+\w+(?:\s+\w+)?)*\s*[,;—–]"
)
# "said the agency does not comment on proposals": a decline in indirect speech
_INDIRECT_DECLINE = re.compile(
    r"^(?:\s+(?:on|in|at|during|to)\s+(?:(?!\bthat\b)[^.;:#,“”\"]){1,40}?)?,?\s+(?:that\s+)?"
    r"(?:(?:the|its|his|her|their|our)\s+[\w’'-]+(?:\s+[\w’'-]+)?|it|he|she|they|we)\s+"
    r"(?:(?:does|do|did|would|will|could|can)\s*(?:not|n['’]t)|cannot)\s+(?:publicly\s+)?"
    r"(?:comment|discuss|talk\s+about|disclose|release|identify|elaborate|confirm|"
    r"speak\s+(?:about|to|on))\b"
)
_SENTENCE_CLOSE_AFTER = re.compile(
    rf"^(?:\s+(?:on\s+)?(?:{_WEEKDAYS})|\s+in\s+(?:a|an)\s+[\w\s]{{1,30}}?|\s+last\s+\w+)*"
    r"\s*[.!?]"
)
# A finite verb after a subject ("credited", "confirms", "won"), to find where a subject ends.
_VERB_LIKE = re.compile(
    r"[a-z]+ed|(?!(?:news|series|species|always|was|has|is|its|this|his|hers|plus|bus|"
    r"campus|status|bonus)\b)[a-z]{3,}s|said|told|won|lost|led|made|gave|took|went|met|"
    r"spoke|wrote|saw|knew|thought|left|kept|held|got|had|was|were|is|has|ran|began|"
    r"brought|sent|paid|put|set|cut|hit|sold|bought|called|would|will|could|can|did|does"
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+$")
_ACCORDING_TO = re.compile(r"\b[Aa]ccording\s+to\s+(?P<np>(?:[A-Z]\.(?:[A-Z]\.)+|[^,.;:#“”\"])+)")
_TOLD_OBJECT = re.compile(rf"^\s+(?P<obj>(?:[Tt]he\s+)?{_CAPSEQ})")

_OUTLET_REPORTED = re.compile(
    rf"(?P<np>(?:[Tt]he\s+)?{_CAPSEQ})(?:\s+(?:first|previously|earlier|also|has|had|later|"
    r"initially|was first to))*\s+(?:reported|reports)\b"
    rf"(?:\s+(?:on\s+)?{_DATE})?"
)
_REPORTED_BY = re.compile(
    r"\breported\s+(?:earlier\s+|first\s+)?by\s+"
    rf"(?P<np>(?:[Tt]he\s+)?{_CAPSEQ})(?:\s+(?:on\s+)?{_DATE})?"
)
# "the Bradford Times’s analysis", "The Chronicle’s reporting showed"
_OUTLET_POSSESSIVE = re.compile(
    rf"(?P<np>(?:[Tt]he\s+)?{_CAPSEQ})['’]s?\s+(?:own\s+)?(?:reporting|report|reports|analysis|"
    r"investigation|story|article|review|coverage|findings|survey|poll|interview)\b"
)
_TALKED_TO = re.compile(
    r"\b(?:talked|spoke|speaking|talking|spoken)\s+(?:to|with)\s+"
    rf"(?P<np>(?:[Tt]he\s+)?{_CAPSEQ})"
)
_REPORT_BY = re.compile(
    r"\b(?:report|article|investigation|story|analysis|interview)\s+(?:by|in|from|with)\s+"
    rf"(?P<np>(?:[Tt]he\s+)?{_CAPSEQ})"
)

_DECLINED = re.compile(
    r"\b(?:declined|refused)\s+(?:to\s+(?:comment|respond|answer|discuss|elaborate|"
    r"be\s+interviewed|speak|say|provide|give)|comment\b|"
    r"(?:[^.;#]{0,60}?\s)?(?:requests?|invitations?)\s+(?:for|to)\s+"
    r"(?:comment|an\s+interview|be\s+interviewed))|"
    r"\b(?:would|will)\s*(?:not|n['’]t)\s+(?:comment|say|discuss|elaborate|disclose|confirm|"
    r"identify|speculate|answer)\b|\bdid\s+not\s+comment\b|"
    r"\b(?:declined|refused)\s+to\s+(?:name|identify|disclose|release|confirm|specify)\b"
)
_NO_RESPONSE = re.compile(
    r"\b(?:did|does|has|have|had)\s+not\s+(?:immediately\s+|yet\s+)?"
    r"(?:respond(?:ed)?|repl(?:y|ied)|return(?:ed)?|answer(?:ed)?)\b"
    r"[^.;#]{0,60}?\b(?:comment|requests?|messages?|calls?|emails?|inquiries|questions)\b|"
    r"\b(?:could|can)\s*not\s+(?:immediately\s+)?be\s+reached\b|"
    r"\bcouldn['’]t\s+(?:immediately\s+)?be\s+reached\b|"
    r"\b(?:was|were)\s+not\s+(?:immediately\s+)?available\s+for\s+comment\b|"
    r"\bdidn['’]t\s+(?:immediately\s+)?(?:respond|return|reply)\b"
)
_UNRETURNED = re.compile(
    r"\b(?:[Mm]essages|[Cc]alls|[Ee]mails|[Rr]equests)\b[^.;#]{0,40}?\b(?:for|with|to)\s+"
    r"(?P<np>[^.;#]+?)\s+(?:were|was|went|have\s+gone)\s+(?:not\s+returned|unanswered|unreturned)"
)
_ANON_REASONS = (
    re.compile(r"(?i)\bbecause\s+[^.;,#]+"),
    re.compile(r"(?i)\bnot\s+authorized\s+to\s+[^.;,#]+?(?=\s+and\s+|[.;,]|$)"),
    re.compile(
        r"(?i)\b(?:anonymity|anonymously|named|identified)\s+(?P<r>to\s+(?:discuss|describe|"
        r"speak\s+about|talk\s+about|share|detail|speak\s+freely\s+about)\s+[^.;,#]+)"
    ),
    re.compile(r"(?i)\b(?:for\s+fear\s+of|fearing)\s+[^.;,#]+"),
)

_ABBREVIATIONS = {
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "rep.",
    "sen.",
    "gov.",
    "lt.",
    "gen.",
    "col.",
    "capt.",
    "sgt.",
    "det.",
    "st.",
    "jr.",
    "sr.",
    "prof.",
    "rev.",
    "jan.",
    "feb.",
    "aug.",
    "sept.",
    "sep.",
    "oct.",
    "nov.",
    "dec.",
    "no.",
    "inc.",
    "corp.",
    "co.",
    "ltd.",
    "vs.",
    "supt.",
    "adm.",
    "maj.",
    "atty.",
    "del.",
    "ave.",
    "mt.",
    "ft.",
    "hon.",
    "msgr.",
    "fr.",
    "cmdr.",
    "insp.",
    "cpl.",
    "pvt.",
    "amb.",
    "sec.",
    "pres.",
}


# --- Text structure ---------------------------------------------------------------------------


@dataclass
class _Segment:
    start: int  # the opening quote mark
    end: int  # just after the closing mark, or the paragraph's end when left open
    closed: bool
    para: int


def _plain_quotes(text: str) -> str:
    return text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((match.start() + lead, match.start() + len(line.rstrip())))
    return spans


def _segments(text: str, paragraphs: list[tuple[int, int]]) -> list[_Segment]:
    """Double-quoted stretches, paragraph by paragraph. Single quotes are left alone."""
    found = []
    for index, (start, end) in enumerate(paragraphs):
        open_at = None
        for pos in range(start, end):
            mark = text[pos]
            if mark == "“" or (mark == '"' and open_at is None):
                open_at = pos if open_at is None or mark == "“" else open_at
            elif mark in '”"' and open_at is not None:
                found.append(_Segment(open_at, pos + 1, True, index))
                open_at = None
        if open_at is not None:
            found.append(_Segment(open_at, end, False, index))
    return found


def _mask(text: str, segments: list[_Segment]) -> str:
    """Blank out quote interiors, keeping the last punctuation mark (it tells "," from ".")."""
    chars = list(text)
    for seg in segments:
        inner_end = seg.end - 1 if seg.closed else seg.end
        last = inner_end - 1
        while last > seg.start and text[last].isspace():
            last -= 1
        for pos in range(seg.start + 1, inner_end):
            if text[pos] != "\n" and not (pos == last and text[pos] in ",.?!"):
                chars[pos] = MASK
    return "".join(chars)


_SENTENCE_BREAK = re.compile(r"[.!?][”\"’')]*\s+(?=[“\"(]?[A-Z0-9#])")


def _is_abbreviation(token: str) -> bool:
    """ "Rep." or an initial ("J.") does not end a sentence; "p.m." may."""
    return (
        token in _ABBREVIATIONS
        or token in ("u.s.", "d.c.")
        or bool(re.fullmatch(r"[a-z]\.", token))
    )


def _sentence_spans(masked: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    for start, end in paragraphs:
        cursor = start
        for match in _SENTENCE_BREAK.finditer(masked, start, end):
            word = masked[cursor : match.start() + 1].split()[-1:] or [""]
            token = word[0].lstrip('(“"').lower()
            if _is_abbreviation(token):
                continue
            spans.append((cursor, match.start() + len(match.group().rstrip())))
            cursor = match.end()
        spans.append((cursor, end))
    return spans


# --- Noun phrases -----------------------------------------------------------------------------


@dataclass
class _Ref:
    """An unresolved mention of who is speaking."""

    kind: str  # pronoun, person, org, outlet, group, nominal, document
    name: str
    descriptor: str = ""
    anonymous: bool = False
    head: str = ""
    definite: bool = False
    titles: tuple[str, ...] = ()
    gender: str = ""


def _strip_titles(name: str) -> tuple[str, tuple[str, ...]]:
    tokens = name.split()
    titles = []
    while len(tokens) > 1 and tokens[0].lower() in _TITLE_TOKENS:
        titles.append(tokens.pop(0).lower())
    return " ".join(tokens), tuple(titles)


def _is_org_name(name: str) -> bool:
    tokens = [t.lower() for t in _strip_titles(name)[0].split()]
    if any(t in _ORG_WORDS for t in tokens):
        return True
    return len(tokens) == 1 and (name.isupper() and len(name) > 1)


def _gender_of(titles: tuple[str, ...], descriptor: str) -> str:
    if {"mrs.", "ms."} & set(titles) or re.search(
        r"(?i)\b(?:spokeswoman|woman|mother|wife|daughter|councilwoman|chairwoman|sister)\b",
        descriptor,
    ):
        return "f"
    if "mr." in titles or re.search(
        r"(?i)\b(?:spokesman|man|father|husband|son|councilman|chairman|brother)\b", descriptor
    ):
        return "m"
    return ""


def _clean_appositive(text: str) -> str:
    return " ".join(text.strip(" ,").split())


def _classify_np(phrase: str, sentence: str = "", *, open_end: bool = False) -> _Ref | None:
    """What a subject noun phrase is, if it is one the assistant understands (a full match).

    `open_end`: the phrase runs to the end of a sentence ("... said Jane Doe, a spokeswoman
    for X."), so an appositive needs no closing comma.
    """
    np = " ".join(phrase.replace("\n", " ").split())
    closed = np.endswith(",")
    while (shorter := _TRAILING_CLAUSE.sub("", np)) != np:
        np, closed = shorter, True
    np = np.strip(" ,")
    words = np.split()
    while words and words[0].lower() in _STOP_STARTS:
        words.pop(0)
    np = " ".join(words)
    if not np or len(words) > 16 or MASK in np:
        return None
    if _PRONOUN.fullmatch(np):
        return _Ref("pronoun", np.lower())
    for match_np in (_ROLE_FOR_NP.fullmatch(np), _POSSESSIVE_ROLE_NP.fullmatch(np)):
        if match_np:
            inner = _classify_np(match_np.group("who"), sentence)
            if inner and inner.kind not in ("pronoun",):
                return inner
    if match := _MODIFIER_ROLE_NP.fullmatch(np):
        who = match.group("who")
        if who[0].isupper() and not who.lower().startswith(("former", "senior")):
            return _Ref("org", who)
        if who.lower() in _ROLE_NOUN_SET:
            # "a company representative" is the company that spoke last; when no such body
            # spoke, "a hospital spokeswoman" is known as just that
            voice = np.split()[-1].lower()
            return _Ref("nominal", f"{who.lower()} {voice}", head=who.lower(), definite=True)
    anonymous_sentence = bool(_ANONYMITY_CLAUSE.search(sentence))
    if match := _GROUP_NP.fullmatch(np):
        return _group_ref(match, np, anonymous_sentence)
    match = _DOCUMENT_NP.fullmatch(np)
    if match and (words[0][0].islower() or words[0].lower() in {"the", "a", "an"}):
        name = " ".join(
            (match.group("mods") + match.group("head") + (match.group("comp") or "")).split()
        )
        return _Ref("document", name, head=match.group("head").lower())
    if match := _NOMINAL_NP.fullmatch(np):
        name = " ".join((match.group("mods") + match.group("role")).split())
        if match.group("office"):
            # "the mayor's office" is an office, not the mayor
            return _Ref(
                "nominal",
                f"{name.lower()}'s office",
                head="office",
                definite=match.group("det").lower() in ("the", "this", "that"),
            )
        qual = (match.group("qual") or "").strip(" ,")
        if (
            qual
            and match.group("det").lower() in ("a", "an", "one", "another")
            and not _ANONYMITY_CLAUSE.search(np)
            and not _ANONYMITY_WORDS.search(np)
            and not anonymous_sentence
        ):
            name = f"{name} {qual}"
        return _Ref(
            "nominal",
            name,
            head=match.group("role").lower(),
            definite=match.group("det").lower() in ("the", "this", "that"),
            anonymous=bool(_ANONYMITY_WORDS.search(np) or _ANONYMITY_CLAUSE.search(np))
            or _unnamed_person(match.group("det"), match.group("role")),
        )
    if match := _UNLISTED_GROUP_NP.fullmatch(np):
        # "county assessors", "the plumbers": people by a plural role the lists do not have
        return _Ref(
            "group",
            " ".join(np.split()[1:] if np.split()[0].lower() == "the" else np.split()),
            head=match.group("head").lower(),
            definite=np.split()[0].lower() == "the",
        )
    if match := _UNLISTED_ROLE_NP.fullmatch(np):
        return _Ref(
            "nominal",
            match.group("role").lower(),
            head=match.group("role").lower(),
            anonymous=anonymous_sentence,
        )
    if match := _NAME_OF_ORG_NP.fullmatch(np):
        name, titles = _strip_titles(match.group("name"))
        if not _is_org_name(name) and name.split()[0].lower() not in _NOT_NAMES:
            return _Ref(
                "person", name, match.group("desc"), titles=titles, gender=_gender_of(titles, "")
            )
    if match := _PRE_APPOSITIVE_NP.fullmatch(np):
        ref = _named_ref(match.group("name"), None, "", "")
        if ref and ref.kind == "person" and _ROLE_WORD.search(match.group("desc")):
            ref.descriptor = _clean_appositive(match.group("desc"))
            ref.gender = ref.gender or _gender_of(ref.titles, ref.descriptor)
            return ref
    if (match := _NAMED_BODY_NP.fullmatch(np)) and not _is_outlet_name(match.group("name")):
        name = match.group("name")
        if len(name.split()) > 1 and not _strip_titles(name)[1]:
            return _Ref("org", f"{name} {match.group('noun')}")
    if match := _NAMED_NP.fullmatch(np):
        appos = match.group("appos") or ""
        if appos and not (closed or open_end):
            return None
        return _named_ref(match.group("name"), match.group("the"), match.group("paren"), appos)
    if match := re.fullmatch(r"(?P<np>.+?)\s+(?:that|who|which)\s+\w+.*", np):
        ref = _classify_np(match.group("np"), sentence)
        if ref and ref.kind in ("nominal", "org", "person", "outlet"):
            return ref
    if match := _LOWER_TITLE_PREFIX.fullmatch(np):
        lower = [w for w in match.group("pre").split() if w.islower()]
        if all(w in _TITLE_TOKENS for w in lower):
            ref = _classify_np(
                match.group("rest") + ("," if closed else ""), sentence, open_end=open_end
            )
            if ref and ref.kind in ("person", "single"):
                ref.kind = "person"
                ref.titles = (*lower, *ref.titles)
                return ref
    return None


def _unnamed_person(det: str, role: str) -> bool:
    """ "a statistician who reviewed the paper", "one neighbor": a person the story does not
    name is an anonymous source; a voice that speaks for a body ("a spokesman") is not."""
    return (
        det.lower() in ("a", "an", "one", "another")
        and role.lower() not in _ORGISH_ROLES
        and not re.match(r"(?i)spokes|representative|official", role)
    )


def _group_ref(match: re.Match, np: str, anonymous_sentence: bool) -> _Ref:
    head = match.group("head").lower()
    mods = match.group("mods") or ""
    qual = match.group("qual") or ""
    det = (match.group("det") or "").strip().lower()
    kept_mods = " ".join(
        m for m in mods.split() if m.lower() not in {"anonymous", "unnamed", "unidentified"}
    )
    kept_qual = re.split(
        r"(?i)\s+who\s+(?=spoke|talked|requested|asked|were\s+not|was\s+not|declined|insisted)"
        r"|\s+speaking\b",
        qual,
    )[0].strip(" ,")
    name = " ".join(f"{kept_mods} {head} {kept_qual}".split())
    anonymous = bool(_ANONYMITY_WORDS.search(np)) or head in ("source", "sources")
    if anonymous_sentence and head in (
        "officials",
        "official",
        "people",
        "person",
        "aides",
        "aide",
        "diplomats",
        "diplomat",
        "advisers",
        "adviser",
    ):
        anonymous = True
    definite = det in ("the",) and not kept_mods and not kept_qual
    return _Ref("group", name, anonymous=anonymous, head=head, definite=definite)


def _named_ref(raw: str, the: str | None, paren: str | None, appos: str) -> _Ref | None:
    tokens = raw.split()
    while tokens and tokens[0].lower() in _NOT_NAMES | _STOP_STARTS:
        tokens.pop(0)
    if not tokens:
        return None
    raw = " ".join(tokens)
    if raw.lower() in {w for w in re.split(r"\|", _GROUP_NOUNS)}:
        return _Ref("group", raw.lower(), head=raw.lower())
    if raw.lower() in _ROLE_NOUN_SET:
        return _Ref("nominal", raw.lower(), head=raw.lower())
    descriptor = (paren or "").strip() or _clean_appositive(appos)
    if _is_outlet_name(raw):
        name = f"The {raw}" if the == "The" else raw
        return _Ref("outlet", name, descriptor)
    if (the or _is_org_name(raw)) and not re.match(r"(?:Rev|Hon|Msgr)\.\s", raw):
        return _Ref("org", raw, descriptor)
    name, titles = _strip_titles(raw)
    kind = "person" if (titles or len(name.split()) > 1) else "single"
    return _Ref(kind, name, descriptor, titles=titles, gender=_gender_of(titles, descriptor))


_ROLE_NOUN_SET = set(_ROLE_NOUNS.split("|"))
# The last word of "the city’s planning director" or "Genovese’s lawyer" (not "the lawsuit").
_ROLE_WORD = re.compile(
    r"(?i)(?:\b(?:" + _ROLE_NOUNS + r"|" + _GROUP_NOUNS + r"|husband|wife|son|daughter|"
    r"brother|sister|father|mother|partner|fianc[ée]e?|widow|widower|friend|neighbor)|"
    r"(?:er|or|ist|ian|ant|ent|man|woman|person|ee|ive|ary|ner))\s*$"
)


def _org_core(name: str) -> str:
    """ "Pellham Industries" out of a sentence-initial "Shares of Pellham Industries"."""
    head, _sep, rest = name.partition(" of ")
    if rest and " " not in head and _is_org_name(rest):
        return rest
    return name


_RELATION_APPOSITIVE = re.compile(
    r"(?P<desc>(?:(?:\b[Tt]he\s+)?[\w’'-]+['’]s?|\b(?:[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur))\s+"
    r"(?:(?:older|younger|eldest|oldest|youngest|late|former|longtime)\s+)?"
    r"(?:father|mother|son|daughter|wife|husband|brother|sister|grandson|granddaughter|"
    r"grandmother|grandfather|uncle|aunt|cousin|niece|nephew|partner|fiancée?|girlfriend|"
    r"boyfriend|stepfather|stepmother|friend|neighbor|roommate)),\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*),"
)
# A name right after these is not who a later "she" points to.
_OBJECT_BEFORE = re.compile(
    r"(?:\b(?:after|by|to|with|for|of|from|against|about|on|at|in|into|near)\s+"
    rf"(?:the\s+)?(?:{_NAME_TOKEN}\s+)*|[(-])$"
)
# Words after which a name is still a subject: "and Varga", "said Varga was", "coach Varga".
_SUBJECT_AFTER = {
    "and",
    "but",
    "or",
    "nor",
    "that",
    "said",
    "says",
    "when",
    "while",
    "because",
    "as",
    "if",
    "since",
    "although",
    "though",
    "whether",
    "where",
    "until",
    "so",
    "then",
    "than",
    "added",
    "asked",
}


def _is_object_mention(before: str) -> bool:
    """Whether a name after `before` is an object ("placed Varga on leave", "with Varga"),
    which a later "she said" should not point to; subjects are what pronouns pick up."""
    if _OBJECT_BEFORE.search(before):
        return True
    last = re.search(r"([A-Za-z’'-]+)\s+(?:[A-Z][\w’'.-]*\s+)*$", before)
    if not last or not last.group(1).islower():
        return False
    word = last.group(1)
    return not (
        word in _SUBJECT_AFTER
        or word in _TITLE_TOKENS
        or word in _ROLE_NOUN_SET
        or re.search(r"(?:er|or|ist|ian|man|woman|ee|ant)$", word)
    )


# Bodies that are sometimes people: "the developer" may be the man building the tower.
_PERSON_OR_BODY_ROLES = {"developer", "publisher", "operator", "local"}
_ORGISH_ROLES = {
    "company",
    "agency",
    "department",
    "ministry",
    "office",
    "campaign",
    "district",
    "city",
    "county",
    "school",
    "university",
    "hospital",
    "team",
    "club",
    "union",
    "administration",
    "government",
    "board",
    "council",
    "commission",
    "firm",
    "utility",
    "airline",
    "church",
    "group",
    "developer",
    "local",
    "bureau",
    "service",
    "museum",
    "diocese",
    "parish",
    "library",
    "zoo",
    "airport",
    "port",
    "plant",
    "factory",
    "store",
    "retailer",
    "restaurant",
    "network",
    "station",
    "foundation",
    "authority",
    "association",
    "institute",
    "nonprofit",
    "charity",
    "coalition",
    "bank",
    "lender",
    "insurer",
    "manufacturer",
    "automaker",
    "carrier",
    "railroad",
    "operator",
    "regulator",
    "court",
    "prison",
    "jail",
    "embassy",
    "legislature",
    "laboratory",
    "lab",
    "center",
    "chain",
    "publisher",
    "journal",
    "newspaper",
    "college",
    "academy",
    "clinic",
    "shelter",
    "employer",
    "archdiocese",
    "synagogue",
    "mosque",
    "temple",
    "tribe",
    "nation",
    "league",
    "federation",
}


def _norm(name: str) -> str:
    name = _plain_quotes(name).lower()
    name = re.sub(r"^the\s+", "", name.strip())
    name = re.sub(r"[^\w\s-]", "", name)
    return " ".join(name.split())


def _is_outlet_name(name: str) -> bool:
    key = _norm(name)
    if key in _KNOWN_OUTLETS:
        return True
    last = key.split()[-1] if key else ""
    return last in _OUTLET_LAST_WORDS and not _NOT_OUTLET_WORDS & set(key.split()[:-1])


# "Police News" or "Department Record" is not a newspaper.
_NOT_OUTLET_WORDS = {
    "department",
    "office",
    "council",
    "committee",
    "agency",
    "board",
    "commission",
    "university",
    "college",
    "school",
    "police",
    "court",
    "union",
    "bureau",
    "institute",
    "hospital",
    "ministry",
    "authority",
    "administration",
}


def _descriptor_mentions(masked: str):
    """(name, descriptor, span, titles) for parenthetical and appositive descriptors."""
    found = []
    paren = re.compile(rf"(?P<name>{_CAPSEQ})\s*\((?P<desc>[^()]{{1,40}})\)")
    for match in paren.finditer(masked):
        desc = match.group("desc").strip()
        if not (re.match(r"[A-Z]{1,3}-[A-Z]", desc) or desc[:1].islower()):
            continue
        name, titles = _strip_titles(_drop_stop_words(match.group("name")))
        if name and not _is_org_name(name):
            found.append((name, desc, match.span(), titles))
    appos = re.compile(
        rf"(?P<name>{_CAPSEQ}),\s+(?:\d{{1,3}},\s+)?(?P<desc>{_APPOSITIVE})(?=,|;|\.(?:\s|$)|$)"
    )
    for match in appos.finditer(masked):
        desc = _clean_appositive(match.group("desc"))
        raw = _drop_stop_words(match.group("name"))
        name, titles = _strip_titles(raw)
        if not name or _is_org_name(name) or _NOT_A_DESCRIPTOR.search(desc):
            continue
        if len(name.split()) < 2 and not titles:
            # "Okafor, a night-shift nurse," after "Teresa Okafor": the person named in full
            # first with that surname (a town or a company alone is never one)
            name = _full_name_before(masked, name, match.start())
            if not name:
                continue
        found.append((name, desc, match.span(), titles))
    found.sort(key=lambda item: item[2])
    return found


def _full_name_before(masked: str, surname: str, pos: int) -> str:
    for match in re.finditer(_CAPSEQ, masked[:pos]):
        raw = _drop_stop_words(match.group())
        name, _titles = _strip_titles(raw)
        tokens = name.split()
        if (
            len(tokens) > 1
            and tokens[-1] == surname
            and not _is_org_name(raw)
            and not _is_outlet_name(raw)
        ):
            return name
    return ""


# Appositives that describe something else than a person's role.
_NOT_A_DESCRIPTOR = re.compile(
    r"(?i)^(?:who|which|one|two|three|some|many|most|each|all|both|none)\b|"
    r"^(?:[\w’'-]+\s+)?(?:now|does|did|is|was|has|had|will|would|said|says|also|still)\b|"
    r"^[a-z]+ed\b|"
    r"^(?:the|a|an)\s+(?:(?!(?:at|for|of|with|in)\b)[\w’'-]+\s+){0,4}?(?:chain|company|firm|retailer|maker|manufacturer|"
    r"nonprofit|group|city|town|village|state|country|county|agency|organization|brand|"
    r"network|station|newspaper|outlet)\b(?!['’])"
)


def _drop_stop_words(raw: str) -> str:
    tokens = raw.split()
    while tokens and tokens[0].lower() in _NOT_NAMES | _STOP_STARTS:
        tokens.pop(0)
    return " ".join(tokens)


# --- Resolution -------------------------------------------------------------------------------


@dataclass(eq=False)
class _Entity:
    key: str
    name: str
    kind: str
    descriptor: str = ""
    anonymous: bool = False
    reason: str = ""
    head: str = ""
    gender: str = ""
    titles: tuple[str, ...] = ()
    first_pos: int = 0
    source_id: int | None = None


@dataclass
class _Event:
    pos: int
    kind: str
    ref: _Ref | None
    span: tuple[int, int]
    quote: tuple[str, tuple[int, int]] | None = None
    outlet: str = ""
    reported_on: date | None = None
    inherit: bool = False
    para: int = 0
    entity: _Entity | None = field(default=None, repr=False)


def _coerce_registry(registry: Iterable) -> list[RegistryEntry]:
    entries = []
    for item in registry or ():
        if isinstance(item, RegistryEntry):
            entries.append(item)
        elif isinstance(item, dict):
            entries.append(
                RegistryEntry(
                    item.get("id"),
                    item["name"],
                    tuple(item.get("aliases") or ()),
                    item.get("descriptor", ""),
                    item.get("kind", ""),
                )
            )
        elif isinstance(item, tuple | list):
            entries.append(
                RegistryEntry(*item[:2], tuple(item[2] if len(item) > 2 else ()), *item[3:5])
            )
        else:
            entries.append(
                RegistryEntry(
                    getattr(item, "id", None),
                    item.name,
                    tuple(getattr(item, "aliases", ()) or ()),
                    getattr(item, "descriptor", ""),
                    getattr(item, "kind", ""),
                )
            )
    return entries


def match_registry(name: str, registry: Iterable) -> RegistryEntry | None:
    """The registry entry a name in the text stands for: by name, alias, then surname."""
    key = _norm(_strip_titles(name)[0])
    if not key:
        return None
    entries = _coerce_registry(registry)
    for entry in entries:
        names = [entry.name, *entry.aliases]
        if any(_norm(_strip_titles(n)[0]) == key for n in names):
            return entry
    if " " not in key:
        by_surname = [
            e
            for e in entries
            if e.kind not in ("organization", "outlet", "document")
            and _norm(_strip_titles(e.name)[0]).split()[-1:] == [key]
        ]
        if len(by_surname) == 1:
            return by_surname[0]
    return None


def _resolve_date(match: re.Match, today: date) -> date | None:
    if not match or not match.groupdict().get("month"):
        return None
    month = _MONTHS[match.group("month")[:3].lower()]
    day = int(match.group("day"))
    try:
        if match.group("year"):
            return date(int(match.group("year")), month, day)
        found = date(today.year, month, day)
        return found if found <= today else date(today.year - 1, month, day)
    except ValueError:
        return None


class _Reader:
    """One pass over one story."""

    def __init__(self, text: str, registry: Iterable, today: date):
        self.text = text
        self.today = today
        self.registry = _coerce_registry(registry)
        self.paragraphs = _paragraph_spans(text)
        self.segments = _segments(text, self.paragraphs)
        self.masked = _mask(text, self.segments)
        self.sentences = _sentence_spans(self.masked, self.paragraphs)
        self._sentence_starts = [s for s, _ in self.sentences]
        self.descriptors = _descriptor_mentions(self.masked)
        self.mentions = self._person_mentions()
        self.entities: dict[str, _Entity] = {}
        self.speakers: list[tuple[int, _Entity]] = []
        self.consumed: list[tuple[int, int]] = []
        self.events: list[_Event] = []
        self._quote_events: list[_Event] = []
        self._read()

    # Structure helpers

    def sentence_at(self, pos: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self._sentence_starts, pos) - 1)
        return self.sentences[index]

    def para_at(self, pos: int) -> int:
        starts = [s for s, _ in self.paragraphs]
        return max(0, bisect.bisect_right(starts, pos) - 1)

    def _person_mentions(self):
        """Every titled or full name in the text, for "Strickland" and "the judge" later."""
        mentions = []
        descriptors = {span[0]: (desc, titles) for _n, desc, span, titles in self.descriptors}
        for match in re.finditer(_CAPSEQ, self.masked):
            raw = _drop_stop_words(match.group())
            if not raw or _is_org_name(raw) or _is_outlet_name(raw):
                continue
            name, titles = _strip_titles(raw)
            if len(name.split()) < 2 and not titles:
                continue
            desc, _t = descriptors.get(match.start(), ("", ()))
            mentions.append((match.start(), name, titles, desc))
        # "Baptiste’s father, Andre," / "her daughter, Ruth,": a first name alone is a person
        # when a relation introduces it
        for match in _RELATION_APPOSITIVE.finditer(self.masked):
            mentions.append(
                (
                    match.start("name"),
                    match.group("name"),
                    (),
                    _clean_appositive(match.group("desc")),
                )
            )
        return sorted(mentions)

    # Finding events

    def _read(self) -> None:
        self._read_quotes()
        self._read_speech_verbs()
        self._read_participles()
        self._read_according_to()
        self._read_outlets()
        self._read_replies()
        self.events.sort(key=lambda e: e.pos)
        self._resolve_events()
        self._read_anonymity_reasons()

    def _chains(self) -> list[list[_Segment]]:
        chains: list[list[_Segment]] = []
        for seg in self.segments:
            prev = chains[-1][-1] if chains else None
            if (
                (
                    prev
                    and not prev.closed
                    and seg.para == prev.para + 1
                    and seg.start == self.paragraphs[seg.para][0]
                )
                or prev
                and prev.closed
                and seg.para == prev.para
                and self._is_bridge(prev, seg)
            ):
                chains[-1].append(seg)
            else:
                chains.append([seg])
        return chains

    def _is_bridge(self, first: _Segment, second: _Segment) -> bool:
        """A quote broken by its attribution: "As always," she said, "we ..."."""
        between = self.masked[first.end : second.start]
        inner = self.text[first.start + 1 : first.end - 1].rstrip()
        return (
            inner.endswith(",")
            and between.strip().endswith(",")
            and len(between) < 160
            and bool(_QUOTE_VERB_RE.search(between))
        )

    def _read_quotes(self) -> None:
        for chain in self._chains():
            parts = []
            for seg in chain:
                inner_end = seg.end - 1 if seg.closed else seg.end
                parts.append(self.text[seg.start + 1 : inner_end].strip())
            words = " ".join(" ".join(parts).split())
            if not words:
                continue
            span = (chain[0].start, chain[-1].end)
            found = None
            for seg in chain:
                found = self._attribution_after(seg) or self._attribution_before(seg)
                if found:
                    break
            para = self.para_at(span[0])
            if found:
                ref, pos, attr_span, outlet = found
                self.consumed.append(attr_span)
                lo, hi = min(span[0], attr_span[0]), max(span[1], attr_span[1])
                event = _Event(pos, QUOTED, ref, (lo, hi), (words, span), outlet, para=para)
            else:
                sent_start = self.sentence_at(span[0])[0]
                opens_sentence = not self.masked[sent_start : span[0]].strip()
                event = _Event(
                    span[0], QUOTED, None, span, (words, span), inherit=opens_sentence, para=para
                )
            self.events.append(event)
            self._quote_events.append(event)

    def _attribution_after(self, seg: _Segment):
        if not seg.closed:
            return None
        _start, sent_end = self.sentence_at(seg.end - 1)
        if sent_end <= seg.end and self.masked[seg.end - 2 : seg.end - 1] in ("?", "!"):
            # “Retire to what?” Rosa Delgado asked. — the question mark ended no sentence
            sent_end = self.sentence_at(seg.end + 1)[1]
        after = self.masked[seg.end : sent_end]
        verb = _QUOTE_VERB_RE.search(after)
        if not verb or verb.start() > 90:
            return None
        before_verb = after[: verb.start()]
        base = seg.end
        sentence = self.masked[_start:sent_end]
        if before_verb.strip(" ,") == "":
            rest = after[verb.end() :]
            ref, np_end = self._subject_right(rest, sentence)
            if not ref:
                return None
            subject_pos = base + verb.end()
            attr_span = (base, base + verb.end() + np_end)
        else:
            cleaned = _ADVERBIALS.sub("", before_verb)
            ref = _classify_np(cleaned, sentence)
            if not ref:
                return None
            subject_pos = base + len(before_verb) - len(before_verb.lstrip(" ,"))
            attr_span = (base, base + verb.end())
        outlet = self._told_outlet(after[verb.start() :]) if verb.group().startswith("t") else ""
        return ref, subject_pos, attr_span, outlet

    def _attribution_before(self, seg: _Segment):
        sent_start, _end = self.sentence_at(seg.start)
        before = self.masked[sent_start : seg.start]
        if not before.strip():
            return None
        sentence = self.masked[sent_start:_end]
        if match := re.search(r"\b[Aa]ccording\s+to\s+(?P<np>[^,#]+),\s*$", before):
            ref = _classify_np(match.group("np"), sentence)
            if ref:
                start = sent_start + match.start()
                return ref, sent_start + match.start("np"), (start, seg.start), ""
        verbs = list(_PRE_QUOTE_VERB_RE.finditer(before))
        for verb in reversed(verbs):
            found = self._subject_left(sent_start, sent_start + verb.start())
            if found:
                ref, pos = found
                outlet = ""
                if verb.group().startswith("t"):
                    outlet = self._told_outlet(before[verb.start() :])
                return ref, pos, (pos, sent_start + verb.end()), outlet
        return None

    def _subject_left(self, lo: int, verb_start: int) -> tuple[_Ref, int] | None:
        """The subject right before a verb: "Jane Doe, a spokeswoman for X," / "police"."""
        tail = self.masked[lo:verb_start]
        stripped = _ADVERBIALS.sub("", tail)
        if not stripped.strip():
            return None
        sentence = self.masked[slice(*self.sentence_at(lo))]
        starts = [0] + [m.end() for m in re.finditer(r"[,;:—–(]\s*|\s+", stripped)]
        for start in starts:
            candidate = stripped[start:]
            if not candidate.strip() or len(candidate.split()) > 16:
                continue
            ref = _classify_np(candidate, sentence)
            if ref:
                return ref, lo + start
        return None

    def _sentence_subject(self, sent_start: int, limit: int) -> tuple[_Ref, int] | None:
        """The subject of the sentence's first verb, for a second verb joined by "and" or
        "but": "Teague credited Okoye but said ...", "X confirmed ... but declined ..."."""
        for verb in _QUOTE_VERB_RE.finditer(self.masked, sent_start, limit):
            found = self._subject_left(sent_start, verb.start())
            if found:
                return found
        head = self.masked[sent_start:limit]
        if MASK in head:
            return None
        sentence = self.masked[sent_start:limit]
        # the shortest opening that reads as a subject and is followed by a verb
        for gap in re.finditer(r"\s+(?=(?P<w>[a-z]+)\b)", head):
            if not _VERB_LIKE.fullmatch(gap.group("w")):
                continue
            ref = _classify_np(head[: gap.start()], sentence)
            if ref and ref.kind in ("person", "single", "org", "group", "nominal", "pronoun"):
                return ref, sent_start
        return None

    def _subject_right(self, rest: str, sentence: str) -> tuple[_Ref | None, int]:
        """The subject after an inverted verb: "..." said Jane Doe, a spokeswoman for X."""
        rest_clean = _LEADING_ADVERBIALS.sub("", rest)
        offset = len(rest) - len(rest_clean)
        # `rest` already stops at the sentence's end, so "Dr." inside it is safe
        body = re.sub(r"[.;!?”\"\s]*$", "", rest_clean.split(MASK)[0].split("“")[0])
        # "said her husband, Kenji Okafor, laughing.": a participle after the subject is not
        # part of it
        bare = re.sub(r",\s*(?:[a-z]+ing|with|as|before|after|while|adding)\b[^,]*$", "", body)
        for candidate in dict.fromkeys((body, bare, body.split(",")[0])):
            ref = _classify_np(candidate, sentence, open_end=True)
            if ref:
                return ref, offset + len(candidate)
        return None, 0

    def _told_outlet(self, from_verb: str) -> str:
        match = _TOLD_OBJECT.match(re.sub(r"^\w+", "", from_verb))
        if match and _is_outlet_name(match.group("obj")):
            return self._outlet_display(match.group("obj"))
        return ""

    def _outlet_display(self, raw: str) -> str:
        raw = " ".join(raw.split())
        tokens = raw.split()
        while tokens and tokens[0].lower() in _STOP_STARTS:
            tokens.pop(0)
        raw = " ".join(tokens)
        return raw if raw.startswith("The ") else re.sub(r"^the\s+", "", raw)

    def _in_consumed(self, pos: int) -> bool:
        return any(lo <= pos < hi for lo, hi in self.consumed)

    def _read_speech_verbs(self) -> None:
        for verb_re, needs_that in (
            (_FREE_VERB_RE, False),
            (_THAT_VERB_RE, True),
            (_OBJECT_VERB_RE, False),
        ):
            for verb in verb_re.finditer(self.masked):
                self._speech_verb(verb, needs_that)

    def _partial_quote_frame(self, verb_end: int, sent_end: int) -> bool:
        """ "said the mayor had “full confidence” that the project ...": the quote is part of
        a paraphrase that goes on past it, so the sentence paraphrases as well as quotes."""
        seg = next((g for g in self.segments if verb_end <= g.start < sent_end), None)
        if seg is None or not seg.closed:
            return False
        lead = self.masked[verb_end : seg.start]
        if len(lead.split()) < 2 or re.search(r"[,:]\s*$", lead):
            return False
        # ...or a claim of its own comes before it: "said Varga was cooperating and “has
        # nothing to hide.”"
        claim = re.match(r"(?P<claim>.+?)\s+(?:and|but)\s+$", lead)
        claim_words = claim.group("claim").split() if claim else []
        if len(claim_words) >= 3 and any(_VERB_LIKE.fullmatch(w) for w in claim_words[1:]):
            return True
        # ...or the claim is whole before it and the quote only says how: "said he had signed
        # the budget “without reading past the first page.”"
        opening = re.match(r"[\w’'-]+", self.text[seg.start + 1 : seg.end])
        lead_words = lead.split()
        verbs = [i for i, w in enumerate(lead_words) if _VERB_LIKE.fullmatch(w)]
        if (
            opening
            and opening.group().lower() in _ADVERBIAL_OPENERS
            and verbs
            and verbs[0] > 0
            and len(lead_words) - verbs[-1] > 2
        ):
            return True
        # ...a predicate or a that-clause carries on after the quote (a decline there is
        # read as a decline, and an adverbial tail is not a second claim)
        tail = self.masked[seg.end : sent_end]
        return (
            bool(
                re.match(
                    r"[,\s]*(?:(?:(?:and|but)\s+)?that\s+\w+\s+\w+|(?:and|but)\s+(?:was|were|is|are|has|"
                    r"have|had|would|will|could|can|should|\w+ed)\b)",
                    tail,
                )
            )
            and not _DECLINED.search(tail)
            and not _INDIRECT_DECLINE.match(re.sub(r"^[,\s]*(?:and|but)", " it", tail))
        )

    def _speech_verb(self, verb: re.Match, needs_that: bool) -> None:
        sent_start, sent_end = self.sentence_at(verb.start())
        if self._in_consumed(verb.start()) and not self._partial_quote_frame(verb.end(), sent_end):
            return
        before = self.masked[sent_start : verb.start()]
        after = self.masked[verb.end() : sent_end]
        if _PASSIVE_BEFORE.search(before):
            return  # "was told", "is forecast to turn": nobody speaks
        if re.search(
            r"\b(?:to|would|will|could|might|may|can|should|must|did|does|do)\s+$", before
        ):
            return
        closes = bool(_SENTENCE_CLOSE_AFTER.match(after))
        parenthetical = False
        if needs_that and not (_THAT_AFTER.match(after) or closes):
            if not _PARENTHETICAL_AFTER.match(after):
                return
            parenthetical = True
        found = self._subject_left(sent_start, verb.start())
        if found and parenthetical and not re.search(r"[,;—–]\s*$", self.masked[: found[1]]):
            return
        if found:
            ref, pos = found
        elif re.search(r",\s*$", before) and closes is False:
            ref, length = self._subject_right(after, self.masked[sent_start:sent_end])
            pos = verb.end()
            if not ref:
                return
        elif re.search(r",\s*$", before):
            ref, _length = self._subject_right(after, self.masked[sent_start:sent_end])
            pos = verb.end()
            if not ref:
                return
        elif re.search(r"\b(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$", before) and (
            shared := self._sentence_subject(sent_start, verb.start())
        ):
            ref, pos = shared
        else:
            return
        outlet = self._told_outlet(after and self.masked[verb.start() : sent_end])
        kind = REPORTED_BY if ref.kind == "outlet" else PARAPHRASED
        if kind == PARAPHRASED and _INDIRECT_DECLINE.match(after):
            kind = DECLINED
        self.events.append(
            _Event(
                pos,
                kind,
                ref,
                (sent_start, sent_end),
                outlet=outlet if kind != REPORTED_BY else "",
                para=self.para_at(pos),
            )
        )

    def _read_participles(self) -> None:
        for match in _PARTICIPLE_SPEECH.finditer(self.masked):
            sent_start, sent_end = self.sentence_at(match.start())
            if self._in_consumed(match.start()):
                continue
            # the sentence's own speech verb already says who: "X said ..., adding that"
            if _QUOTE_VERB_RE.search(
                self.masked, sent_start, match.start()
            ) or _THAT_VERB_RE.search(self.masked, sent_start, match.start()):
                continue
            shared = self._sentence_subject(sent_start, match.start())
            if not shared:
                continue
            ref, pos = shared
            self.events.append(
                _Event(
                    pos,
                    REPORTED_BY if ref.kind == "outlet" else PARAPHRASED,
                    ref,
                    (sent_start, sent_end),
                    para=self.para_at(pos),
                )
            )

    def _read_according_to(self) -> None:
        for match in _ACCORDING_TO.finditer(self.masked):
            if self._in_consumed(match.start()):
                continue
            sentence = self.sentence_at(match.start())
            np = match.group("np")
            by = _REPORT_BY.search(np)
            ref = _classify_np(np, self.masked[slice(*sentence)])
            if by and _is_outlet_name(by.group("np")):
                continue  # credited by the outlet scan
            own = _OUTLET_POSSESSIVE.match(np)
            if own and _is_outlet_name(own.group("np")):
                continue  # "according to the Times’s analysis": the same
            if not ref:
                continue
            kind = REPORTED_BY if ref.kind == "outlet" else PARAPHRASED
            self.events.append(
                _Event(match.start("np"), kind, ref, sentence, para=self.para_at(match.start()))
            )

    def _read_outlets(self) -> None:
        for pattern in (_OUTLET_REPORTED, _REPORTED_BY, _TALKED_TO, _REPORT_BY, _OUTLET_POSSESSIVE):
            for match in pattern.finditer(self.masked):
                raw = match.group("np")
                tokens = raw.split()
                # the name may have picked up capitalized words before it: try shorter tails
                for index in range(len(tokens)):
                    candidate = " ".join(tokens[index:])
                    if _is_outlet_name(candidate) and not (
                        candidate.lower() == "times" and index == 0
                    ):
                        break
                else:
                    continue
                if tokens[index - 1 : index] == ["The"] and not candidate.startswith("The "):
                    candidate = "The " + candidate
                name = self._outlet_display(candidate)
                start = (
                    match.start("np")
                    + raw.find(candidate.split()[-1])
                    - (len(candidate) - len(candidate.split()[-1]))
                )
                sentence = self.sentence_at(match.start())
                self.events.append(
                    _Event(
                        max(start, match.start("np")),
                        REPORTED_BY,
                        _Ref("outlet", name),
                        sentence,
                        reported_on=_resolve_date(match, self.today),
                        para=self.para_at(match.start()),
                    )
                )

    def _read_replies(self) -> None:
        for kind, pattern in ((DECLINED, _DECLINED), (NO_RESPONSE, _NO_RESPONSE)):
            for match in pattern.finditer(self.masked):
                sent_start, sent_end = self.sentence_at(match.start())
                found = self._subject_left(sent_start, match.start())
                if not found and re.search(
                    r"\b(?:and|but)\s+$", self.masked[sent_start : match.start()]
                ):
                    found = self._sentence_subject(sent_start, match.start())
                if not found:
                    continue
                ref, pos = found
                self.events.append(
                    _Event(pos, kind, ref, (sent_start, sent_end), para=self.para_at(pos))
                )
        for match in _UNRETURNED.finditer(self.masked):
            sentence = self.sentence_at(match.start())
            ref = _classify_np(match.group("np"), self.masked[slice(*sentence)])
            if ref:
                self.events.append(
                    _Event(
                        match.start("np"),
                        NO_RESPONSE,
                        ref,
                        sentence,
                        para=self.para_at(match.start()),
                    )
                )

    # Resolving who

    def _resolve_events(self) -> None:
        previous_quote: _Event | None = None
        for event in self.events:
            if event.kind == QUOTED and event.ref is None:
                if event.inherit and previous_quote and previous_quote.para == event.para:
                    event.entity = previous_quote.entity
                previous_quote = event
                continue
            event.entity = self._resolve(event.ref, event.pos)
            if event.kind == QUOTED:
                previous_quote = event

    def _entity(self, key: str, name: str, kind: str, pos: int, **extra) -> _Entity:
        entity = self.entities.get(key)
        if entity is None:
            entity = _Entity(key, name, kind, first_pos=pos, **extra)
            entry = None if extra.get("anonymous") else match_registry(name, self.registry)
            entity.source_id = entry.id if entry else None
            self.entities[key] = entity
        else:
            for attr, value in extra.items():
                if value and not getattr(entity, attr):
                    setattr(entity, attr, value)
        return entity

    def _spoke(self, entity: _Entity, pos: int = 0) -> _Entity:
        self.speakers.append((pos, entity))
        return entity

    def _resolve(self, ref: _Ref | None, pos: int) -> _Entity | None:
        if ref is None:
            return None
        if ref.kind == "pronoun":
            return self._resolve_pronoun(ref.name, pos)
        entity = self._resolve_ref(ref, pos)
        if entity is not None and entity.kind != "document":
            self._spoke(entity, pos)
        return entity

    def _resolve_ref(self, ref: _Ref, pos: int) -> _Entity | None:
        if ref.kind == "group":
            return self._resolve_group(ref, pos)
        if ref.kind == "outlet":
            return self._resolve_outlet(ref, pos)
        if ref.kind == "nominal":
            return self._resolve_nominal(ref, pos)
        if ref.kind == "document":
            return self._entity("doc:" + _norm(ref.name), ref.name, "document", pos)
        if ref.kind == "single":
            return self._resolve_single(ref, pos)
        return self._resolve_named(ref, pos)

    def _named_before(self, pos: int):
        """(position, full name) of every person named before `pos`, by full name or surname."""
        names = {name for _p, name, _t, _d in self.mentions}
        names |= {e.name for e in self.entities.values() if e.kind == "person"}
        found = []
        for name in names:
            surname = name.split()[-1]
            for match in re.finditer(rf"\b{re.escape(surname)}\b(?!['’]s?\b)", self.masked[:pos]):
                if not _is_object_mention(self.masked[max(0, match.start() - 40) : match.start()]):
                    found.append((match.start(), name))
        return sorted(found, reverse=True)

    def _resolve_pronoun(self, pronoun: str, pos: int) -> _Entity | None:
        """He/she: the last person named; they: the last group; it: the last organization."""
        wanted = {"he": "m", "she": "f"}.get(pronoun)
        kinds = {
            "he": ("person", "nominal"),
            "she": ("person", "nominal"),
            "they": ("group",),
            "it": ("org",),
        }[pronoun]
        candidates = [(p, e) for p, e in self.speakers if e.kind in kinds]
        if wanted:
            candidates = [
                (p, e) for p, e in candidates if e.kind == "person" or e.head not in _ORGISH_ROLES
            ]
            for mention_pos, name in self._named_before(pos):
                entity = self.entities.get(_norm(name))
                if entity is None:
                    entity = self._resolve_named(_Ref("person", name), mention_pos)
                candidates.append((mention_pos, entity))
        if pronoun == "it" and not candidates:
            # "The Memphis-based company earned ..., it said": the organization last named
            orgs = [
                (m.start(), _org_core(_drop_stop_words(m.group())))
                for m in re.finditer(_CAPSEQ, self.masked[max(0, pos - 800) : pos])
                if _is_org_name(_drop_stop_words(m.group()))
                and not _is_outlet_name(_drop_stop_words(m.group()))
            ]
            if orgs:
                name = orgs[-1][1]
                return self._entity(_norm(name), name, "org", pos)
        for _p, entity in sorted(candidates, key=lambda c: c[0], reverse=True):
            if wanted and entity.gender and entity.gender != wanted:
                continue
            if wanted and not entity.gender:
                entity.gender = wanted
            return entity
        return None

    def _resolve_group(self, ref: _Ref, pos: int) -> _Entity:
        singular = ref.head.rstrip("s")
        if ref.definite or ref.name == ref.head:
            for _p, entity in reversed(self.speakers):
                if entity.kind == "group" and entity.head.rstrip("s") == singular:
                    if ref.anonymous:
                        entity.anonymous = True
                    return entity
        return self._entity(
            "group:" + _norm(ref.name),
            ref.name,
            "group",
            pos,
            anonymous=ref.anonymous,
            head=ref.head,
        )

    def _resolve_outlet(self, ref: _Ref, pos: int) -> _Entity:
        key = _norm(ref.name)
        for entity in self.entities.values():
            if entity.kind == "outlet" and (entity.key.endswith(" " + key) or entity.key == key):
                return entity
        return self._entity(key, ref.name, "outlet", pos)

    def _resolve_nominal(self, ref: _Ref, pos: int) -> _Entity:
        role = ref.head
        # "The authority declined to say" is the authority, never "Dana Whitcombe, the
        # authority's finance director": a body is only ever resolved to a body.
        body = role in _ORGISH_ROLES and role not in _PERSON_OR_BODY_ROLES
        if ref.definite and not body:
            for mention_pos, name, titles, desc in reversed(self.mentions):
                if mention_pos < pos and (
                    role in titles or re.search(rf"(?i)\b{re.escape(role)}\b", desc)
                ):
                    return self._resolve_named(_Ref("person", name, desc, titles=titles), pos)
            for _p, entity in reversed(self.speakers):
                if entity.kind == "person" and (
                    role in entity.titles
                    or re.search(rf"(?i)\b{re.escape(role)}\b", entity.descriptor)
                ):
                    return entity
        if ref.definite and role in _ORGISH_ROLES:
            # "the department" after "the Riverside Heights Fire Department"; "the company"
            # after the last company that spoke; "the mayor's office" after "the Office of
            # the Mayor" (both words)
            words = [role]
            if possessor := re.match(r"(?:.*\s)?([\w-]+)['’]s office$", ref.name):
                words.append(possessor.group(1))
            for _p, entity in reversed(self.speakers):
                if entity.kind == "org" and all(
                    re.search(rf"(?i)\b{re.escape(w)}\b", entity.name) for w in words
                ):
                    return entity
            for _p, entity in reversed(self.speakers):
                if entity.kind == "org" and role in ("company", "firm"):
                    return entity
            # no such body has spoken: the last one named ("Brightline Software will cut
            # ..., the company told staff"), else the one the story names most
            # ("the county health department" needs all its words: not "State Department
            # of Health")
            mods = [w for w in ref.name.split()[:-1] if "'" not in w and "’" not in w]
            if ref.name.split()[-1] == role and (name := self._named_org(words + mods, pos)):
                return self._entity(_norm(name), name, "org", pos)
        return self._entity(
            "nominal:" + _norm(ref.name),
            ref.name,
            "nominal",
            pos,
            head=role,
            anonymous=ref.anonymous,
        )

    def _named_org(self, words: list[str], pos: int) -> str:
        """The organization a definite "the company" or "the district" most likely means
        (`words`: the role, and for "the mayor's office" also "mayor")."""
        role = words[0]
        orgs = []
        for match in re.finditer(_CAPSEQ, self.masked):
            name = _org_core(_drop_stop_words(match.group()))
            if not name or not _is_org_name(name) or _is_outlet_name(name):
                continue
            if role in ("company", "firm") or all(
                re.search(rf"(?i)\b{re.escape(w)}\b", name) for w in words
            ):
                orgs.append((match.start(), name))
        before = [name for start, name in orgs if start < pos]
        if before:
            return before[-1]
        counts: dict[str, int] = {}
        for _start, name in orgs:
            counts[name] = counts.get(name, 0) + 1
        return max(counts, key=counts.get) if counts else ""

    def _resolve_single(self, ref: _Ref, pos: int) -> _Entity:
        surname = ref.name
        if shared := self._shared_surname(surname, pos):
            return shared
        for _p, entity in reversed(self.speakers):
            if entity.kind == "person" and entity.name.split()[-1] == surname:
                return entity
        for mention_pos, name, titles, desc in reversed(self.mentions):
            if mention_pos < pos and name.split()[-1] == surname:
                return self._resolve_named(_Ref("person", name, desc, titles=titles), pos)
        entry = match_registry(surname, self.registry)
        if entry and entry.kind not in ("organization", "outlet", "document"):
            return self._resolve_named(_Ref("person", _strip_titles(entry.name)[0]), pos)
        surname = self._full_org_name(surname, pos)
        return self._entity(_norm(surname), surname, "org", pos)

    def _full_org_name(self, short: str, pos: int) -> str:
        """ "Fairfield" or "A Hollow Creek spokeswoman" after "Fairfield Markets" and "Hollow
        Creek Foods": a short name of an organization the story named in full before."""
        for match in re.finditer(_CAPSEQ, self.masked[:pos]):
            name = _org_core(_drop_stop_words(match.group()))
            tail = name[len(short) :].split()
            # the rest says what kind of business it is: "Markets", "Grocers", "Foods Inc."
            if (
                name.startswith(short + " ")
                and 0 < len(tail) <= 2
                and all(t.lower() in _ORG_WORDS or re.fullmatch(r"[A-Z][a-z]+s", t) for t in tail)
                and not _is_outlet_name(name)
            ):
                return name
        return short

    def _shared_surname(self, surname: str, pos: int) -> _Entity | None:
        """A surname two people named before `pos` share ("Teresa Okafor" and "her husband,
        Kenji Okafor"): the bare surname is the person named in full in the same paragraph,
        else the story's main subject — the one introduced first, whom the story goes on
        calling by the surname alone (a relative is named in full each time)."""
        people: dict[str, int] = {}
        for mention_pos, name, _t, _d in self.mentions:
            if mention_pos < pos and name.split()[-1] == surname and len(name.split()) > 1:
                people.setdefault(name, mention_pos)
        if len(people) < 2:
            return None
        para_start = self.paragraphs[self.para_at(pos)][0]
        in_para = [(p, n) for n, p in people.items() if p >= para_start]
        chosen = max(in_para)[1] if in_para else min((p, n) for n, p in people.items())[1]
        mention = next(m for m in self.mentions if m[1] == chosen)
        return self._resolve_named(
            _Ref("person", chosen, mention[3], titles=mention[2]), mention[0]
        )

    def _resolve_named(self, ref: _Ref, pos: int) -> _Entity:
        kind = "person" if ref.kind == "person" else "org"
        if kind == "org":
            ref = _Ref(ref.kind, self._full_org_name(ref.name, pos), ref.descriptor)
        descriptor = (
            ref.descriptor
            or self._descriptor_near(ref.name, pos)
            or next((desc for _p, name, _t, desc in self.mentions if name == ref.name and desc), "")
        )
        gender = ref.gender or _gender_of(ref.titles, descriptor)
        return self._entity(
            _norm(ref.name),
            ref.name,
            kind,
            pos,
            descriptor=descriptor,
            gender=gender,
            titles=ref.titles,
        )

    def _descriptor_near(self, name: str, pos: int) -> str:
        for _n, desc, span, _titles in self.descriptors:
            if _n == name and span[0] <= pos + len(name) + 40:
                return desc
        return ""

    def _read_anonymity_reasons(self) -> None:
        """Give anonymous groups the reason the text states, wherever the sentence is."""
        groups = [e for e in self.entities.values() if e.kind in ("group", "nominal")]
        if not groups:
            return
        for start, end in self.sentences:
            sentence = self.masked[start:end]
            if not _ANONYMITY_CLAUSE.search(sentence):
                continue
            reason = _anonymity_reason(sentence)
            spoke_here = [e for p, e in self.speakers if start <= p < end and e in groups]
            heads = {
                m.lower().rstrip("s")
                for m in re.findall(rf"(?i)\b(?:{_GROUP_NOUNS}|{_ROLE_NOUNS})\b", sentence)
            }
            targets = (
                spoke_here
                or [g for g in groups if g.head.rstrip("s") in heads]
                or [max(groups, key=lambda g: g.first_pos if g.first_pos <= end else -1)]
            )
            target = min(targets, key=lambda g: abs(g.first_pos - start))
            target.anonymous = True
            if reason and not target.reason:
                target.reason = reason

    # Output

    def quotes(self) -> list[Quote]:
        found = []
        for event in self._quote_events:
            words, span = event.quote
            entity = event.entity
            found.append(
                Quote(
                    text=words,
                    span=span,
                    speaker=entity.name if entity else None,
                    descriptor=entity.descriptor if entity else "",
                    outlet=event.outlet,
                )
            )
        return sorted(found, key=lambda q: q.span)

    def proposals(self) -> list[Proposal]:
        merged: dict[tuple, Proposal] = {}
        for event in self.events:
            entity = event.entity
            if entity is None:
                continue
            quote = event.quote[0] if event.kind == QUOTED and event.quote else ""
            key = (event.kind, entity.key, quote)
            evidence = " ".join(self.text[event.span[0] : event.span[1]].split())
            existing = merged.get(key)
            if existing:
                if event.reported_on and not existing.reported_on:
                    merged[key] = _replace(existing, reported_on=event.reported_on)
                continue
            merged[key] = Proposal(
                kind=event.kind,
                name=entity.name,
                span=event.span,
                evidence=evidence,
                quote=quote,
                descriptor=entity.descriptor,
                anonymous=entity.anonymous,
                anonymity_reason=entity.reason,
                outlet=event.outlet,
                reported_on=event.reported_on,
                source_id=entity.source_id,
            )
        # anonymity may have been learned after the first proposal for a group was made
        final = []
        for (_kind, key, _quote), proposal in merged.items():
            entity = self.entities.get(key)
            if entity and entity.kind in ("group", "nominal"):
                proposal = _replace(
                    proposal, anonymous=entity.anonymous, anonymity_reason=entity.reason
                )
            final.append(proposal)
        return sorted(final, key=lambda p: p.span)


def _replace(proposal: Proposal, **changes) -> Proposal:
    from dataclasses import replace

    return replace(proposal, **changes)


# Where a reason's clause ends and the sentence's main clause starts again: "... because they
# were not authorized to discuss the budget said the gap ..." (not "to say", "had not told").
_REASON_END = re.compile(
    r"(?<!\bto)(?<!\bnot)(?<!\bhad)(?<!\bhas)(?<!\bhave)(?<!\bbeen)"
    r"\s+(?:said|says|told|tells|added|adds|wrote|writes|warned|warns|predicted|predicts|"
    r"estimated|estimates|argued|argues|noted|notes|explained|explains|acknowledged|"
    r"acknowledges|confirmed|confirms|insisted|insists|cautioned|cautions|stressed|"
    r"stresses)\b|\s+[—–]\s*|\s*[:(]"
)


def _anonymity_reason(sentence: str) -> str:
    for pattern in _ANON_REASONS:
        match = pattern.search(sentence)
        if match:
            reason = match.groupdict().get("r") or match.group()
            reason = _REASON_END.split(reason, maxsplit=1)[0]
            return " ".join(reason.split()).strip(" ,")
    return ""


def guess_source_kind(name: str, attribution_kind: str = "") -> str:
    """What kind of registry source a new name most likely is: person, organization, outlet
    or document (the editor can change it)."""
    if attribution_kind == REPORTED_BY or _is_outlet_name(name):
        return "outlet"
    if re.search(rf"(?i)\b(?:{_DOCUMENT_NOUNS})$", name.strip()):
        return "document"
    plain, titles = _strip_titles(name)
    if _is_org_name(name) or (len(plain.split()) < 2 and not titles) or plain[:1].islower():
        return "organization"
    return "person"
