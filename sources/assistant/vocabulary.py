"""Every word list and pattern the finders use, each written once."""

from __future__ import annotations

import re

# Every speech verb form once, with the uses it has (subsets below are derived from it):
#   quote       attributes a direct quote ("..., she said")
#   free        introduces a paraphrase on its own ("Police said the driver was 34")
#   that        does so only with "that" after it ("She added that ..." but not "She added
#               a third goal"), unless it closes the sentence ("..., the mayor added.")
#   object      its object is the claim itself ("The weather service forecast highs of 112")
#   partial     introduces a partial quote ("called the plan “reckless”")
#   participle  "..., warning that ...": a participle whose subject is the sentence's
#   reason      where an anonymity reason's clause ends and the main clause starts again
_SPEECH_VERBS = {
    "said": "quote free reason",
    "says": "quote free reason",
    "say": "quote free",
    "told": "quote free reason",
    "tells": "quote free reason",
    "tell": "quote free",
    "added": "quote that reason",
    "adds": "quote reason",
    "asked": "quote",
    "asks": "quote",
    "wrote": "quote that reason",
    "writes": "quote that reason",
    "explained": "quote that reason",
    "recalled": "quote that",
    "continued": "quote",
    "noted": "quote that reason",
    "argued": "quote that reason",
    "insisted": "quote that reason",
    "testified": "quote that",
    "stated": "quote free that",
    "tweeted": "quote",
    "posted": "quote",
    "warned": "quote that reason",
    "replied": "quote",
    "responded": "quote",
    "acknowledged": "quote that reason",
    "admitted": "quote that",
    "conceded": "quote that",
    "declared": "quote that",
    "announced": "quote that",
    "joked": "quote",
    "shouted": "quote",
    "cautioned": "quote that reason",
    "pleaded": "quote",
    "remarked": "quote",
    "commented": "quote that",
    "observed": "quote that",
    "quipped": "quote",
    "predicted": "quote that object reason",
    "vowed": "quote",
    "countered": "quote that",
    "concluded": "quote that",
    "complained": "quote that",
    "boasted": "quote",
    "agreed": "quote that",
    "emphasized": "quote that",
    "stressed": "quote that reason",
    "urged": "quote",
    "promised": "quote",
    "exclaimed": "quote",
    "whispered": "quote",
    "yelled": "quote",
    "recounted": "quote",
    "texted": "quote",
    "emailed": "quote",
    "confirmed": "quote that reason",
    "reported": "quote",
    "reporting": "that",
    "forecast": "quote object",
    "predicts": "quote object reason",
    "recalls": "quote that",
    "counters": "quote that",
    "notes": "quote that reason",
    "warns": "quote that reason",
    "argues": "quote that reason",
    "testifies": "quote that",
    "denied": "free",
    "denies": "free",
    "deny": "free",
    "dismissed": "free",
    "dismisses": "free",
    "rejected": "free",
    "rejects": "free",
    "admits": "free",
    "asserted": "quote free that",
    "estimated": "that object reason",
    "claimed": "that",
    "alleged": "that",
    "contended": "that",
    "maintained": "that",
    "suggested": "that",
    "believes": "that",
    "believe": "that",
    "found": "that",
    "finds": "that",
    "showed": "that",
    "shows": "that",
    "disclosed": "that",
    "revealed": "that",
    "reiterated": "that",
    "indicated": "that",
    "signaled": "that",
    "insists": "that reason",
    "announces": "that",
    "acknowledges": "that reason",
    "show": "that",
    "called": "partial",
    "described": "partial",
    "dubbed": "partial",
    "labeled": "partial",
    "termed": "partial",
    "characterized": "partial",
    "characterised": "partial",
    "forecasts": "object",
    "projected": "object",
    "projects": "object",
    "estimates": "object reason",
    "warning": "participle",
    "saying": "participle",
    "arguing": "participle",
    "noting": "participle",
    "adding": "participle",
    "predicting": "participle",
    "claiming": "participle",
    "insisting": "participle",
    "contending": "participle",
    "asserting": "participle",
    "stressing": "participle",
    "acknowledging": "participle",
    "complaining": "participle",
    "suggesting": "participle",
    "cautioning": "participle",
    "explains": "reason",
    "confirms": "reason",
    "cautions": "reason",
    "stresses": "reason",
}


def _verbs(use: str) -> str:
    """The forms with `use`, as a regex alternation (longest first)."""
    forms = [form for form, uses in _SPEECH_VERBS.items() if use in uses.split()]
    return "|".join(sorted(forms, key=len, reverse=True))


# A denial or a dismissal is a claim too ("a ministry official denied the report"): free.
_QUOTE_VERBS = _verbs("quote")
_FREE_SPEECH_VERBS = _verbs("free")
_THAT_SPEECH_VERBS = _verbs("that")
# "..., warning that ...", and "saying" with or without a comma ("criticized the raid saying
# the army had lied")
_PARTICIPLE_SPEECH = re.compile(rf",\s+(?:{_verbs('participle')})\s+that\b|(?<=[a-z,])\s+saying\b")
_OBJECT_SPEECH_VERBS = (
    _verbs("object") + "|"
    # "a change that city staff estimate will bring in": a plural verb that is also a noun,
    # only before the verb of the claim
    r"estimate(?=\s+(?:will|would|could|can|may|might|is|are|was|were)\b)"
)
_PARTIAL_QUOTE_VERBS = _verbs("partial")
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

# Letters after a name that are no name: "Mark Ruiz, QC," / "Ana Vale, MP,"
_POST_NOMINALS = r"QC|KC|SC|MP|MBE|OBE|CBE|PhD|Ph\.D\.|Jr\.|Sr\."
# A party and state after a name is no name either: "Rep. Ana Ruiz (D Ohio)"
_PARTY_STATE = re.compile(r"\((?:[DRI]|Dem|Rep|Ind)\b[-.,\s]")

# Words that go on a clause rather than a noun phrase ("“heartbroken” and ...").
_FUNCTION_WORDS = {
    "and",
    "or",
    "but",
    "nor",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "with",
    "at",
    "to",
    "in",
    "on",
    "for",
    "of",
    "from",
    "by",
    "as",
    "after",
    "before",
    "because",
    "since",
    "while",
    "when",
    "if",
    "than",
    "over",
    "under",
    "about",
    "into",
    "against",
}

_WEEKDAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_ADVERBIALS = re.compile(
    r"(?:\s+(?:has|have|had|also|previously|later|then|once|repeatedly|often|publicly|"
    r"privately|recently|long|initially|first|further|again|earlier|still|both|all|only|"
    r"never|always|separately|similarly|likewise|immediately|quickly|simply|flatly|bluntly|"
    r"routinely|usually|typically|generally|consistently|regularly|traditionally|"
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
    r"deputies|troopers|soldiers|scouts|staff|staffers|friends|neighbours|groups|unions|"
    r"organizations|organisations|villagers|individuals|protesters|demonstrators|monks|"
    r"campaigners|locals|citizens|bloggers|posters|governments|ministers|opponents"
)
# People a story never names, whoever they speak for: anonymous sources ("a diplomat", "some
# individuals", "one poster" on a forum).
_UNNAMED_INSIDERS = {
    "diplomats",
    "diplomat",
    "aides",
    "aide",
    "insiders",
    "insider",
    "individuals",
    "individual",
    "posters",
    "poster",
}
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
    r"publisher|journal|newspaper|magazine|broadcaster|tabloid|army|navy|military|tribunal|"
    r"parliament|cabinet|regime|junta|developer's office|college|academy|clinic|shelter|"
    r"employer|archdiocese|synagogue|mosque|temple|tribe|nation|league|federation|ministry"
)
_DOCUMENT_NOUNS = (
    r"records|documents|report|filing|filings|complaint|lawsuit|indictment|affidavit|data|"
    r"figures|estimates|study|survey|poll|memo|letter|transcript|analysis|audit|review|draft|"
    r"drafts|copy|summary|"
    r"ruling|opinion|order|statement|paper|minutes|notice|motion|brief|warrant|citation"
)
# The words that tell readers a source is not named, as the standards gate reads a story's
# text: stricter than _ANONYMITY_CLAUSE ("the council is not authorized to raise taxes" says
# nothing about a source).
ANONYMITY_IN_TEXT = re.compile(
    r"(?i)\b(?:(?:on|under)\s+(?:the\s+)?condition\s+of\s+anonymity|"
    r"on\s+condition\s+that\s+(?:they|he|she|their\s+names?|his\s+name|her\s+name)\s+not\s+be\s+"
    r"(?:named|identified|used|published)|"
    r"(?:requested|asked\s+for|was\s+granted|were\s+granted|granted|insisted\s+on)\s+anonymity|"
    r"(?:asked|requested|declined|refused|did\s+not\s+want)\s+(?:not\s+)?to\s+be\s+"
    r"(?:named|identified|quoted\s+by\s+name)|"
    r"not\s+authori[sz]ed\s+to\s+(?:speak|talk|comment|discuss|describe|disclose|be\s+named|"
    r"be\s+identified|be\s+quoted|release|share|brief)|"
    r"(?:spoke|speaking|spoken|talked|talking)\s+anonymously)\b"
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
    # "NASA spokeswoman Jane Holt", "U.N. envoy Ali Karimi", "opposition leader X"
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "correspondent",
    "negotiator",
    "opposition",
    "foreign",
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
    "municipality",
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
    # "“Harbor Hour” Monday, said": a weekday is no one
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
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
    "voa",
    "kcna",
    "sky news",
    "al arabiya",
    "al-arabiya",
    # news agencies and broadcasters wire copy credits, by the name they go by
    "usa today",
    "bbc news",
    "itv",
    "itv news",
    "channel 4 news",
    "cbc",
    "cbc news",
    "ctv",
    "sbs",
    "rnz",
    "nhk",
    "kbs",
    "ytn",
    "cctv",
    "cgtn",
    "phoenix tv",
    "asahi shimbun",
    "yomiuri shimbun",
    "mainichi shimbun",
    "nikkei",
    "people's daily",
    "global times",
    "south china morning post",
    "antara",
    "bernama",
    "press trust of india",
    "ians",
    "al-ahram",
    "mena",
    "irna",
    "fars",
    "isna",
    "press tv",
    "sana",
    "anadolu",
    "anadolu agency",
    "haaretz",
    "ynet",
    "interfax",
    "ria novosti",
    "itar-tass",
    "rt",
    "sputnik",
    "kommersant",
    "izvestia",
    "spiegel",
    "der spiegel",
    "bild",
    "die zeit",
    "le monde",
    "le figaro",
    "libération",
    "france 24",
    "rfi",
    "corriere della sera",
    "la repubblica",
    "la stampa",
    "el país",
    "el pais",
    "el mundo",
    "el tiempo",
    "clarín",
    "o globo",
    "deutsche welle",
    "euronews",
    "radio free asia",
    "rfa",
    "radio free europe",
    "rfe/rl",
    "voice of america",
    "gawker",
    "tmz",
    "slate",
    "mashable",
    "techcrunch",
    "rodong sinmun",
    "joongang ilbo",
    "chosun ilbo",
    "dong-a ilbo",
    "lusa",
    "belga",
    "agerpres",
    "wikinews",
    "guardian",
}
# "the newspaper said": a role that means the outlet the story named before.
_OUTLET_ROLES = {"newspaper", "magazine", "broadcaster", "tabloid", "station", "network"}
# "the report said" after an outlet reported: the outlet's report
_OUTLET_DOCUMENTS = {"report", "reports", "article", "story", "paper"}
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
    "media",
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
# A capital letter, accented ones included ("Íngrid", "Émile", "Łukasz").
_UPPER = "A-ZÀ-ÖØ-ÞĆČĐŁŃŚŠŹŻŽ"
_NAME_TOKEN = (
    rf"(?:{_NUMBERED}|{_TITLE_ABBR}|[A-Z]\.(?:[A-Z]\.)*|[{_UPPER}][\w’'&-]*[\w]|[A-Z]|"
    # "al-Amir", "el-Sayed": a particle joined to the name by a hyphen
    rf"(?:al|el|bin|ibn|abu|ben)-[{_UPPER}][\w’'-]*)"
)
_PARTICLE = r"(?:de|da|del|della|di|van|von|der|den|la|le|du|bin|ibn|al|el)"
_CONNECTOR = r"(?:of|for)(?:\s+the)?"
_CAPSEQ = (
    rf"{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+|&\s+)?{_NAME_TOKEN}|"
    rf"\s+{_CONNECTOR}\s+{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})*(?:,?\s+and\s+{_NAME_TOKEN}(?=\s|,|\.|$))?)*"
    r"(?:\s+(?:Jr\.|Sr\.|II|III|IV))?"
)
# A role with no article before it: "Rosa Lindqvist, harbor master,", "X, Panama coach,",
# "X, undersecretary to the prime minister," (not "X, however, said").
_BARE_ROLE = (
    r"(?!(?:who|whose|which|where|when|and|but)\b)"
    r"(?=(?:[A-Z][\w’'-]*\s+){0,3}(?:[a-z][\w’'-]*\s+){0,3}?"
    r"(?!(?:however|together|later|rather|further|moreover|never|either|neither|other)\b)"
    rf"(?:{_ROLE_NOUNS}|master|secretary|secretary-general|minister|undersecretary|director|"
    r"chairman|chairwoman|chief|head|[a-z]+(?:er|or|ist|ian))\b)"
)
_APPOSITIVE = (
    r"(?:(?:a|an|the|[A-Z][\w’'-]*['’]s?)\s+|(?:[a-z][\w-]*\s+){0,3}?(?:of|for|at|with)\s+|"
    rf"{_BARE_ROLE})"
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
    rf"(?P<name>{_CAPSEQ})\s+(?P<desc>(?:of|from|at|with|for)\s+(?:the\s+)?{_CAPSEQ}"
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
    r"was|were|is|are|has|have|had|said|says|say|told|tells)\b)[a-z][a-z-]*(?<!ed))\s+){0,3}?)"
    rf"(?P<head>(?i:{_GROUP_NOUNS}))"
    r"(?P<qual>\s+(?:familiar|briefed|with|close|who|involved|knowledgeable|in|at|from|of|on|"
    r"for|outside|inside|across|within|among|around|not\s+involved)\b[^,#“”\"]*)?,?"
)
_NOMINAL_NP = re.compile(
    r"(?P<det>(?i:the|a|an|this|that|one|another))\s+(?P<mods>(?:[\w.’'-]+\s+){0,3}?)"
    rf"(?P<role>{_ROLE_NOUNS})(?P<office>['’]s\s+office)?"
    # "The host government’s embassy in Washington": where it sits is not who it is
    rf"(?P<place>\s+in\s+{_CAPSEQ})?(?P<qual>\s+who\b[^,#]*)?,?"
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
    r"(?P<pre>(?:[A-Z][\w’'-]*\s+){0,3}(?:[a-z]+\s+){1,2})(?P<rest>[A-Z].*)"
)
# A clause or phrase that interrupts a subject before its verb: "Name, who ...,", "Name of
# the X district, where ...,", "Name, in his first season,", "Name, 34,".
_TRAILING_CLAUSE = re.compile(
    r",\s*(?:and\s+)?(?:who|whose|which|where|when|[a-z]+ed\b|\d{1,3}\s*$|\d{1,3},|"
    r"(?:in|at|during|after|before|now\s+in|then\s+in)\s+(?:his|her|their|its)\b)[^,]*,?\s*$"
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

# A story introduces an outlet the lists do not know by a noun before or after its name:
# "the Porto daily O Farol", "the state broadcaster RTP", "O Farol, a newspaper in Porto,".
_OUTLET_KIND = (
    r"(?:newspaper|daily|weekly|magazine|broadcaster|tabloid|news\s+agency|news\s+website|"
    r"news\s+site|news\s+portal|website|radio\s+station|television\s+station|TV\s+station)"
)
_OUTLET_INTRODUCED = (
    re.compile(
        rf"\b{_OUTLET_KIND}\s+(?P<np>(?!(?:{_WEEKDAYS})\b){_CAPSEQ})",
    ),
    re.compile(
        rf"(?P<np>(?:[Tt]he\s+)?{_CAPSEQ}),\s+(?:a|an|the)\s+"
        r"(?:(?!(?:for|of|at|with|in|from|to|by|who|which)\b)[\w’'-]+\s+){0,3}?"
        rf"{_OUTLET_KIND}\b"
    ),
)
# "the Porto daily O Farol", "the state broadcaster RTP": what kind of outlet, before its name
_OUTLET_DESCRIBED = rf"(?:(?:[Tt]he\s+)?(?:[\w-]+\s+){{0,2}}?{_OUTLET_KIND}\s+)?"
_OUTLET_REPORTED = re.compile(
    # "O Farol, a newspaper in Porto, first reported": an appositive may come between
    rf"(?P<np>(?:[Tt]he\s+)?{_CAPSEQ})(?:,\s+(?:a|an|the)\s+[^,;:#“”\"]{{1,60}},)?"
    r"(?:\s+(?:first|previously|earlier|also|has|had|later|"
    r"initially|was first to))*\s+(?:reported|reports|noted|observed|cited|quoted|quotes)\b"
    rf"(?:\s+(?:on\s+)?{_DATE})?"
)
_REPORTED_BY = re.compile(
    r"\breported\s+(?:earlier\s+|first\s+)?by\s+"
    rf"{_OUTLET_DESCRIBED}(?P<np>(?:[Tt]he\s+)?{_CAPSEQ})(?:\s+(?:on\s+)?{_DATE})?"
)
# "the Bradford Times’s analysis", "The Chronicle’s reporting showed"
_OUTLET_POSSESSIVE = re.compile(
    rf"(?P<np>(?:[Tt]he\s+)?{_CAPSEQ})['’]s?\s+(?:own\s+)?(?:reporting|report|reports|analysis|"
    r"investigation|story|article|review|coverage|findings|survey|poll|interview)\b"
)
# Lowercase words that say a name is an outlet: "Yonhap news agency", "X television".
_OUTLET_NOUNS = r"news\s+agency|television|radio|newspaper|channel|service|TV"
# Reported speech through another outlet: "told the Harbor News Agency", "in remarks to
# X television", "in an interview with X", "as quoted by X", "quoting X", "seen by X",
# "aired on X", "Some information for this report was provided by X".
_TOLD_OUTLET = re.compile(
    r"\b(?i:told|tells|tell|telling|in\s+(?:remarks|comments|a\s+statement)\s+to|(?:in\s+)?an?\s+"
    r"interview\s+(?:with|on)|(?:as\s+)?quoted\s+by|quoting|citing|cited\s+by|seen\s+by|"
    r"obtained\s+by|carried\s+by|aired\s+(?:\w+\s+)?on|broadcast\s+(?:\w+\s+)?(?:on|by)|"
    r"(?:was|were)\s+provided\s+by|published\s+(?:\w+\s+)?(?:in|by)|wrote\s+(?:in|for)|"
    r"writing\s+(?:in|for)|(?:said|speaking|appearing)\s+on)\s+"
    rf"{_OUTLET_DESCRIBED}(?P<np>(?:[Tt]he\s+)?(?:al-|el-)?{_CAPSEQ}(?:['’]s\s+{_CAPSEQ})?"
    rf"(?:\s+(?:{_OUTLET_NOUNS}))?)"
)
# "quotes two officials as saying", "quoted police officials Monday saying", "cites a
# former aide as his source": the one quoted or cited
_QUOTED_AS = re.compile(
    r"\b(?:quotes|quoted|quoting|cites|cited|citing)\s+(?P<np>[^,;:#“”\"]{2,80}?)"
    rf"(?:\s+(?:on\s+)?(?:{_WEEKDAYS}))?\s+(?:as\s+(?:saying|telling)|saying|as\s+"
    r"(?:his|her|their|its)\s+(?:main\s+|only\s+)?sources?)\b"
)
# "state media say", "Chinese state-run media reported", "media reports"
_MEDIA_SAY = re.compile(
    r"(?P<np>(?:\b[A-Z][\w-]+\s+)?(?:\bstate(?:-run|-owned|-controlled)?\s+)?\bmedia)\s+"
    r"(?:(?:have|has|also)\s+)*(?:say|says|said|reported|report|reports|released|quoted)\b"
    r"(?!\s+(?:about|of|on|in|from)\b)"
)
_TALKED_TO = re.compile(
    r"\b(?i:talked|spoke|speaking|talking|spoken)\s+(?:to|with)\s+"
    rf"(?P<np>(?:[Tt]he\s+)?{_CAPSEQ})"
)
_REPORT_BY = re.compile(
    r"\b(?:report|article|investigation|story|analysis|interview)\s+(?:by|in|from|with)\s+"
    rf"(?P<np>(?:[Tt]he\s+)?{_CAPSEQ})"
)

_DECLINED = re.compile(
    # "routinely refuses to comment": an adverb may come between the subject and the verb
    r"\b(?:declined|refused|declines|refuses)\s+(?:to\s+(?:comment|respond|answer|discuss|elaborate|"
    r"be\s+interviewed|speak|say|provide|give)|comment\b|"
    r"(?:[^.;#]{0,60}?\s)?(?:requests?|invitations?)\s+(?:for|to)\s+"
    r"(?:comment|an\s+interview|be\s+interviewed))|"
    r"\b(?:would|will)\s*(?:not|n['’]t)\s+(?:comment|say|discuss|elaborate|disclose|confirm|"
    r"identify|speculate|answer)\b|\bdid\s+not\s+comment\b|"
    r"\b(?:declined|refused)\s+to\s+(?:name|identify|disclose|release|confirm|specify)\b|"
    r"\b(?:has|have|had)\s+not\s+(?:yet\s+)?said\s+(?:why|whether|how|what|when|who)\b|"
    r"\bmade\s+no\s+(?:official\s+|public\s+|further\s+)?(?:comment|remarks|statement)\b"
)
# "There was no comment from the ministry": the source comes after
_NO_COMMENT_FROM = re.compile(
    r"\b[Tt]here\s+(?:was|has\s+been|had\s+been)\s+no\s+(?:immediate\s+)?(?:comment|response|"
    r"reply)\s+from\s+(?P<np>[^.;,#]+?)(?=\s+(?:on|in|at|about|over|regarding|to)\b|[.;,#]|$)"
)
_NO_RESPONSE = re.compile(
    r"\b(?:did|does|has|have|had)\s+not\s+(?:immediately\s+|yet\s+)?"
    r"(?:respond(?:ed)?|repl(?:y|ied)|return(?:ed)?|answer(?:ed)?)\b"
    r"[^.;#]{0,60}?\b(?:comment|requests?|messages?|calls?|emails?|inquiries|inquiry|"
    r"questions?)\b|"
    r"\b(?:could|can)\s*not\s+(?:immediately\s+)?be\s+reached\b|"
    r"\bcouldn['’]t\s+(?:immediately\s+)?be\s+reached\b|"
    r"\b(?:was|were)\s+not\s+(?:immediately\s+)?available\s+for\s+comment\b|"
    r"\bdidn['’]t\s+(?:immediately\s+)?(?:respond|return|reply)\b|"
    # "has yet to comment", "have not commented": no answer (yet), not a refusal
    r"\b(?:has|have|had)\s+yet\s+to\s+(?:comment|respond|say)\b|"
    r"\b(?:has|have|had)\s+not\s+(?:yet\s+)?(?:commented|responded)\b"
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

# Words with a full stop that end no sentence: every title with one ("Rep."), and these.
_ABBREVIATIONS = {t for t in _TITLE_TOKENS if t.endswith(".")} | {
    "amb.",
    "aug.",
    "ave.",
    "cmdr.",
    "co.",
    "corp.",
    "cpl.",
    "dec.",
    "feb.",
    "ft.",
    "inc.",
    "insp.",
    "jan.",
    "jr.",
    "ltd.",
    "mt.",
    "no.",
    "nov.",
    "oct.",
    "pres.",
    "pvt.",
    "sec.",
    "sep.",
    "sept.",
    "sr.",
    "st.",
    "vs.",
}


# Where a reason's clause ends and the sentence's main clause starts again: "... because they
# were not authorized to discuss the budget said the gap ..." (not "to say", "had not told").
_REASON_END = re.compile(
    r"(?<!\bto)(?<!\bnot)(?<!\bhad)(?<!\bhas)(?<!\bhave)(?<!\bbeen)"
    rf"\s+(?:{_verbs('reason')})\b|\s+[—–]\s*|\s*[:(]"
)

# Words that make a name a public body, never what "the company" or "the firm" means: "The
# company did not respond" after "the Department of Environmental Conservation" is not the
# department.
PUBLIC_BODY_WORDS = frozenset(
    {
        "department",
        "ministry",
        "agency",
        "authority",
        "council",
        "commission",
        "committee",
        "office",
        "bureau",
        "board",
        "court",
        "police",
        "government",
        "administration",
        "parliament",
        "senate",
        "congress",
        "assembly",
        "city",
        "county",
        "state",
        "district",
        "municipality",
        "tribunal",
        "army",
        "navy",
        "university",
        "school",
        "college",
        "hospital",
        "party",
        "union",
        "embassy",
        "consulate",
        "prosecutor",
        "prosecutors",
        "service",
    }
)
# What a business is called after it was named: "the company", "the utility", "the airline"
# mean the last company named, never a public body.
BUSINESS_ROLES = frozenset({"company", "firm", "utility", "airline", "retailer", "chain"})

# Nouns that never stand alone as a source's name: "the company", "a manager", "the report"
# are resolved to the entity named before them, or not proposed at all.
# (A "study" or "paper" stays: a document can be a source, and the science stories cite one.)
NAMELESS_NOUNS = frozenset({"company", "firm", "manager", "report"})
