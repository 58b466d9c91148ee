"""Screening a check-in's free text for risk language: a small, transparent rule set.

No model, no download, no Django: every decision can be read here and is tested against
a labelled set of check-in sentences (tests/safety_plans/checkin_sentences.py). The
figures and the known misses are in docs/guide-safety-plans.md.

How a sentence is read:

1. The text is lower-cased and curly apostrophes straightened, keeping every character
   where it was, so the offsets of a match point into the client's own words.
2. Each rule is a regular expression for a risk phrase (`RULES`), with a category and a
   severity. Severity is **high** for intent, a plan or preparation (means acquired, a
   goodbye, a note), or a recent attempt, and **moderate** for thoughts of death or
   suicide without them and for self-harm.
3. A match is then set aside (kept in `suppressed`, with the reason) when:
   - it is **negated**: a negation word ("not", "no", "never", "don't"...) governs it,
     with only "bridge" words in between ("I'm not suicidal", "no thoughts of hurting
     myself", "I don't have any plans to kill myself"). Words such as "ok" or "know"
     break the bridge, so "im not ok i want to die" is still caught;
   - it is **hypothetical**: "if", "in case", "should I ever"... earlier in the clause
     ("if I ever felt suicidal I would call"), but not "what if", "wonder if", "as if"
     or "if I'm honest";
   - it is about **someone else**: the nearest subject before a match that names nobody
     ("suicidal", "wants to die") is a third person ("my friend said she wants to die").
     Matches that name the writer ("kill myself", "my life") are never set aside this way;
   - it is an **idiom** the rule lists ("kill myself laughing", "suicide prevention",
     "cut myself shaving", "want to die of embarrassment").
   A clause ends at . ! ? ; a line break, "but", "however", "though"..., and at a comma,
   "and", "so" or "because" that starts a new "I ..." clause.
4. Overlapping matches keep the most severe, then the longest.

When the rules are changed, RULES_VERSION changes too: each check-in stores the version
that screened it.
"""

import re
from dataclasses import dataclass, field

RULES_VERSION = "checkin-rules-2026.1"

HIGH, MODERATE = "high", "moderate"


@dataclass(frozen=True)
class Rule:
    name: str
    category: str  # intent, plan, preparation, attempt, thoughts, self_harm
    severity: str
    pattern: re.Pattern
    # An idiom when the text right after (or right before) the match fits these.
    idiom_after: re.Pattern | None = None
    idiom_before: re.Pattern | None = None


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str  # the client's own words, from the original text
    rule: str
    category: str
    severity: str


@dataclass(frozen=True)
class Suppressed:
    match: Match
    reason: str  # negated, hypothetical, third_person, idiom


@dataclass(frozen=True)
class Screening:
    matches: tuple[Match, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()
    rules_version: str = RULES_VERSION

    @property
    def flagged(self) -> bool:
        return bool(self.matches)

    @property
    def severity(self) -> str | None:
        if not self.matches:
            return None
        return HIGH if any(m.severity == HIGH for m in self.matches) else MODERATE

    @property
    def matched_words(self) -> list[str]:
        return [m.text for m in self.matches]


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.VERBOSE)


# Shared pieces. `\s+` everywhere a space may be; apostrophes optional ("dont", "im").
_SELF_END = r"""(?:kill?(?:ing|ed|in)?\s+my\s?self|kms|unalive\s+my\s?self|off\s+my\s?self
    |end(?:ing)?\s+my\s+(?:own\s+)?life|end(?:ing)?\s+it\s+all
    |tak(?:e|ing)\s+my\s+(?:own\s+)?life|commit(?:ting)?\s+suicide
    |hang(?:ing)?\s+my\s?self)"""
_DIE = r"""(?:die|be\s+dead|disappear\s+forever|stop\s+existing|not\s+exist
    |not\s+be\s+alive|not\s+be\s+here\s+any\s?more|sleep\s+forever
    |go\s+to\s+sleep\s+and\s+(?:never|not)\s+wake\s+up)"""
_PILLS = r"(?:pills|tablets|meds|medication|medicine|painkillers|paracetamol|sleeping\s+pills)"
_LAUGH_ETC = r"""\s+(?:of|from|with)\s+(?:embarrassment|shame|laughter|laughing|boredom
    |happiness|cringe)|\s+laughing|\s+for\s+(?:a|some|one)\b|\s+to\s+(?:see|get|try|know
    |go|meet|hear|watch|find|tell|eat|read)"""

RULES: tuple[Rule, ...] = (
    # Intent: the person says they will act.
    Rule(
        "intent_to_act",
        "intent",
        HIGH,
        _rx(
            rf"""\b(?:going\s+to|gonna|will|'ll|planning\s+to|plan\s+to|about\s+to
            |ready\s+to|decided\s+to|intend\s+to|mean\s+to|want\s+to\s+do\s+it\s+and)
            \s+(?:just\s+|finally\s+|actually\s+|really\s+)?
            (?:{_SELF_END}|end\s+it\b(?!\s+with)|do\s+it\s+tonight|overdose)"""
        ),
        idiom_after=_rx(r"\s+(?:laughing|with\s+laughter|at\s+(?:work|the\s+gym))"),
    ),
    Rule(
        "act_with_a_time",
        "intent",
        HIGH,
        _rx(
            rf"""(?:{_SELF_END}|end\s+it\b(?!\s+with))\s+(?:tonight|today|this\s+weekend
            |tomorrow|soon|when\s+(?:everyone|they|he|she)\s+(?:is|are)\s+(?:out|asleep|gone))"""
        ),
    ),
    # A plan, or the means gathered.
    Rule(
        "has_a_plan",
        "plan",
        HIGH,
        _rx(
            r"""\b(?:have|got|made|making|worked\s+out|figured\s+out)\s+(?:a|the|my)\s+plan
            \s+(?:to|for|of)\s+(?:how\s+(?:to\s+|i'?(?:d|ll|\s+would|\s+will)\s+)?)?
            (?:kill|end|die|suicide|dying|taking|do\s+it|
            overdos)|\bi\s+know\s+(?:exactly\s+)?how\s+i'?(?:d|\s+would|\s+will|ll)\s+do\s+it
            |\bplann(?:ed|ing)\s+(?:my\s+)?(?:suicide|death|how\s+to\s+(?:die|kill\s+myself
            |end\s+it))"""
        ),
    ),
    Rule(
        "means",
        "plan",
        HIGH,
        _rx(
            rf"""\b(?:stockpil\w*|hoard\w*|sav(?:ed|ing)\s+up|sav(?:ed|ing)|collect(?:ed|ing))
            \s+(?:up\s+)?(?:my\s+|all\s+my\s+|some\s+|a\s+lot\s+of\s+)?{_PILLS}
            |\b(?:bought|got|buying|ordered|have)\s+(?:a\s+|some\s+)?(?:rope|noose|razor\s+blades)
            \b(?!\s+for\s+(?:the|a|my)\s+(?:tent|boat|garden|camping|climbing))
            |\b(?:look(?:ed|ing)\s+up|googl\w*|research\w*|search(?:ed|ing)(?:\s+for)?)
            \s+(?:how|ways|the\s+best\s+way|methods?)\s+to\s+(?:die|kill\s+myself|end\s+(?:it
            |my\s+life)|overdose|hang\s+myself)
            |\b{_PILLS}\s+(?:lined\s+up|ready|set\s+aside|counted\s+out|saved\s+up)
            |\b(?:going\s+to|gonna|will|'ll)\s+take\s+(?:them\s+all|all\s+of\s+them
            |all\s+(?:of\s+)?(?:my|the)\s+{_PILLS})
            |\b(?:read(?:ing)?|look(?:ed|ing)\s+at)\s+(?:about\s+)?(?:ways|methods|how)\s+to
            \s+(?:die|kill\s+myself|end\s+(?:it|my\s+life))
            |\bhow\s+many\s+\w+\s+(?:it\s+would\s+take|would\s+it\s+take|it\s+takes)\s+to
            \s+(?:die|kill|overdose)|\blethal\s+dose"""
        ),
    ),
    # Preparation and goodbyes.
    Rule(
        "goodbye",
        "preparation",
        HIGH,
        _rx(
            r"""\bthis\s+is\s+(?:goodbye|my\s+last\s+(?:message|check[\s-]?in))
            |\bgoodbye\s+(?:forever|everyone|for\s+good|world)
            |\b(?:say|said|saying)\s+(?:my\s+)?(?:final\s+|last\s+)?goodbyes
            |\b(?:suicide|goodbye)\s+(?:note|letter)s?
            |\b(?:wrote|written|writing|left)\s+(?:a\s+|my\s+)?notes?\s+for\s+(?:my\s+)?
            (?:family|kids|children|mum|mom|partner|wife|husband|everyone)
            |\bgiv(?:en|ing|e)\s+away\s+(?:all\s+)?my\s+(?:things|stuff|belongings
            |possessions|cat|dog)
            |\bwon'?t\s+be\s+(?:here|around|alive)\s+(?:tomorrow|much\s+longer|for\s+long
            |any\s?more|next\s+week|by\s+(?:then|the\s+weekend|monday|next))
            |\byou\s+won'?t\s+(?:hear\s+from|see)\s+me\s+again
            |\b(?:put|putting|got|getting|sorted)\s+my\s+affairs\s+in\s+order"""
        ),
    ),
    # An attempt.
    Rule(
        "attempt",
        "attempt",
        HIGH,
        _rx(
            rf"""\b(?:tried|attempted|trying)\s+to\s+(?:{_SELF_END}|end\s+it\b(?!\s+with)
            |overdose)|\b(?:took|taken|take|had)\s+(?:an\s+)?overdose
            |\boverdos(?:ed|e)\s+(?:on|last|yesterday|this|again)
            |\btook\s+(?:too\s+many|all\s+(?:of\s+)?my|a\s+(?:bunch|load|handful|lot)\s+of
            |loads\s+of|the\s+whole\s+(?:box|packet|bottle)\s+of)\s+{_PILLS}"""
        ),
    ),
    # Thoughts of suicide or death, without intent or a plan.
    Rule(
        "wants_to_die",
        "thoughts",
        MODERATE,
        _rx(
            rf"""\b(?:want(?:ed|s|ing)?\s+to|wanna|would\s+like\s+to|'d\s+like\s+to
            |need\s+to|ready\s+to|feel(?:ing)?\s+like\s+i\s+want\s+to)
            \s+(?:just\s+|really\s+|honestly\s+)?(?:{_DIE}|{_SELF_END}|end\s+it\b(?!\s+with))"""
        ),
        idiom_after=_rx(_LAUGH_ETC),
    ),
    Rule(
        "self_ending",
        "thoughts",
        MODERATE,
        _rx(rf"\b{_SELF_END}\b"),
        idiom_after=_rx(
            r"""\s+(?:laughing|with\s+laughter|at\s+(?:work|the\s+gym)|over\s+(?:this|it
            |nothing|a)|to\s+(?:get|finish|meet|make|please|keep\s+up)|for\s+(?:this\s+job
            |work|them|nothing))"""
        ),
    ),
    Rule(
        "suicide_word",
        "thoughts",
        MODERATE,
        # With the misspellings seen in real messages, and the slang that hides the word.
        _rx(
            r"""\b(?:suicid|sucid|suicd|suiced|sucic|sucid)\w*|\bsewer\s?slide\b
            |\bunalive\b"""
        ),
        idiom_after=_rx(
            r"""\s*(?:prevention|awareness|training|squad|hotline|help\s?line|crisis\s+line
            |lifeline|watch\s+(?:charity|group)|statistics|rates?\b)"""
        ),
    ),
    Rule(
        "wish_dead",
        "thoughts",
        MODERATE,
        _rx(
            r"""\bwish(?:ed|ing)?\s+(?:i\s+)?(?:was|were|could\s+be|could)\s+(?:dead|gone
            |never\s+born|not\s+here|not\s+alive|die|disappear)
            |\bwish(?:ed)?\s+i\s+(?:had\s+)?(?:never\s+been\s+born|died|had\s+died
            |hadn'?t\s+woken\s+up|didn'?t\s+wake\s+up|would\s+die|wouldn'?t\s+wake\s+up
            |could\s+just\s+(?:die|disappear|not\s+wake\s+up))
            |\bhop(?:e|ing)\s+i\s+(?:don'?t|dont|never|won'?t)\s+wake\s+up"""
        ),
    ),
    Rule(
        "better_off",
        "thoughts",
        MODERATE,
        _rx(
            r"""\bbetter\s+off\s+(?:dead|without\s+me|if\s+i\s+(?:was|were|wasn'?t|weren'?t)
            \s+(?:dead|gone|here|around|alive))
            |\b(?:no\s?one|no-one|nobody)\s+would\s+(?:care|notice|miss\s+me|even\s+notice)
            \s+if\s+i\s+(?:died|was\s+gone|were\s+gone|disappeared|wasn'?t\s+here|killed
            \s+myself)
            |\bif\s+i\s+(?:died|was\s+gone|disappeared),?\s+(?:no\s?one|nobody)\s+would
            \s+(?:care|notice|miss\s+me)
            |\b(?:happier|easier)\s+without\s+me
            |\b(?:easier|better)\s+(?:for\s+everyone\s+)?if\s+i\s+(?:just\s+)?(?:wasn'?t|weren'?t
            |was\s+not)\s+(?:here|around|alive)
            |\bdon'?t\s+see\s+myself\s+(?:being\s+)?(?:here|around|alive)\s+(?:much\s+longer
            |for\s+long|next\s+year)
            |\b(?:a|such\s+a)\s+burden\s+(?:to|on)\s+(?:everyone|everybody|my\s+family|people
            |them|the\s+people\s+i\s+love)
            |\brather\s+(?:not\s+exist|be\s+dead|not\s+be\s+(?:alive|here))
            |\bwant\s+(?:it\s+all|everything)\s+to\s+stop\s+(?:permanently|forever|for\s+good)
            |\bwouldn'?t\s+(?:mind|care)\s+if\s+i\s+(?:died|didn'?t\s+wake\s+up|never\s+woke
            \s+up|got\s+hit\s+by)"""
        ),
    ),
    Rule(
        "no_reason_to_live",
        "thoughts",
        MODERATE,
        _rx(
            r"""\b(?:no|not\s+any|any)\s+(?:reason|point)\s+(?:to|in|for)\s+(?:live|living
            |going\s+on|being\s+here|being\s+alive|carrying\s+on|life|me\s+being\s+here)
            |\bwhat'?s\s+the\s+point\s+(?:of|in)\s+(?:living|life|going\s+on|being\s+alive
            |carrying\s+on|being\s+here)
            |\b(?:life|living|my\s+life)\s+(?:is\s*n'?t|is\s+not|isnt|aint|ain'?t)\s+worth
            \s+(?:living|it)|\bnot\s+worth\s+living
            |\b(?:done|finished)\s+with\s+(?:life|living|being\s+alive)
            |\btired\s+of\s+(?:living|being\s+alive|life\b)
            |\bgiv(?:e|ing|en)\s+up\s+on\s+(?:life|living)"""
        ),
    ),
    Rule(
        "does_not_want_to_live",
        "thoughts",
        MODERATE,
        _rx(
            r"""\b(?:don'?t|do\s+not|no\s+longer|never|dont)\s+(?:really\s+|even\s+)?want
            \s+to\s+(?:live|be\s+alive|exist
            |wake\s+up\b(?!\s+(?:early|at\s+\d|for|so\s+early|in\s+the\s+morning|tomorrow\s+(?:at
            |for|early)))|be\s+here\s+any\s?more
            |be\s+here\s+any\s+longer|go\s+on\s+(?:any\s?more|living|like\s+this)
            |carry\s+on\s+(?:any\s?more|living))
            |\b(?:not\s+sure|don'?t\s+know)\s+(?:if\s+|whether\s+|that\s+)?i\s+want\s+to
            \s+(?:live|be\s+alive|be\s+here|go\s+on|keep\s+going|keep\s+living)
            |\bcan'?t\s+(?:go\s+on|carry\s+on|keep\s+going)\s+(?:any\s?more|any\s+longer
            |like\s+this|living)
            |\bfeel(?:ing)?\s+like\s+(?:dying|ending\s+it|giving\s+up\s+on\s+life)"""
        ),
        idiom_after=_rx(r"\s+(?:after|from)\s+(?:that|the|this)|\s+laughing"),
    ),
    Rule(
        "thinking_of",
        "thoughts",
        MODERATE,
        _rx(
            r"""\b(?:think(?:ing)?|thought|thoughts)\s+(?:about|of)\s+(?:dying
            |ending\s+(?:my\s+life|it\s+all|it\b(?!\s+with))|taking\s+my\s+(?:own\s+)?life
            |jumping\s+(?:off|in\s+front)|not\s+being\s+here|not\s+waking\s+up|overdos\w*)"""
        ),
        idiom_after=_rx(r"\s+(?:in\s+the\s+(?:book|film|movie|show)|of\s+(?:a|my)\s+\w+)"),
    ),
    # Self-harm.
    Rule(
        "self_harm",
        "self_harm",
        MODERATE,
        _rx(
            r"""\b(?:cut(?:ting|s)?|burn(?:ed|t|ing)?|hurt(?:ing|s)?|harm(?:ed|ing)?
            |hit(?:ting)?|punch(?:ed|ing)?|scratch(?:ed|ing)?|starv(?:e|ed|ing)|bang(?:ed|ing)?
            \s+my\s+head\s+against\s+the\s+wall\s+and\s+hurt)\s+my\s?self
            |\bself[\s-]?harm\w*|\bself[\s-]?injur\w*
            |\b(?:been|started|start|keep|kept)\s+cutting\b|\bcutting\s+again\b
            |\b(?:urges?|urge)\s+to\s+(?:cut|self[\s-]?harm|hurt\s+myself|burn\s+myself)
            |\b(?:jump(?:ing)?|throw(?:ing)?\s+myself)\s+(?:off|in\s+front\s+of)\s+(?:a|the)
            \s+(?:bridge|train|building|roof|cliff|car|bus)"""
        ),
        idiom_after=_rx(
            r"""\s+(?:shaving|cooking|chopping|gardening|on\s+(?:a|the|some)|in\s+the\s+kitchen
            |while\s+(?:cooking|chopping|shaving|running|playing|lifting)|at\s+the\s+gym
            |playing|running|lifting|(?:a|some)\s+(?:slice|piece)|by\s+accident|accidentally
            |at\s+(?:work|football|training)|doing)"""
        ),
        idiom_before=_rx(r"(?:accidentally|nearly|almost|by\s+accident)\s+$"),
    ),
)

# --- context -------------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_HARD_BREAK = re.compile(r"[.!?;\n]")
_CLAUSE_WORDS = {"but", "however", "although", "though", "yet", "except", "anyway", "still"}
_JOINERS = {"and", "so", "because", "cause", "cos", "coz", "then", "plus", "also"}
FIRST_PERSON = {"i", "i'm", "im", "i've", "ive", "i'd", "i'll", "me", "myself"}
THIRD_PERSON = {
    "he", "she", "they", "he's", "she's", "they're", "hes", "shes", "theyre", "him",
    "her", "them", "friend", "friends", "sister", "brother", "mum", "mom", "mother",
    "dad", "father", "son", "daughter", "partner", "husband", "wife", "boyfriend",
    "girlfriend", "cousin", "colleague", "coworker", "someone", "somebody", "people",
    "person", "character", "neighbour", "neighbor", "aunt", "uncle", "grandma", "gran",
    "grandad", "grandpa", "niece", "nephew", "kid", "child", "teenager", "classmate",
    "roommate", "flatmate", "mate", "client", "patient", "guy", "girl", "woman", "man",
    "everyone", "ex",
}  # fmt: skip
NEGATIONS = {
    "not", "no", "never", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt",
    "haven't", "havent", "hasn't", "hasnt", "isn't", "isnt", "wasn't", "wasnt", "aren't",
    "arent", "won't", "wont", "wouldn't", "wouldnt", "nor", "without", "denies", "deny",
    "denied", "none", "neither", "zero", "hadn't", "hadnt", "cannot", "can't", "cant", "free",
}  # fmt: skip
# Words a negation may reach across: "not (having any thoughts of) suicide".
BRIDGE = {
    "i", "i'm", "im", "am", "be", "been", "being", "have", "having", "had", "has", "any",
    "thoughts", "thought", "of", "about", "going", "gonna", "ever", "really", "at", "all",
    "the", "urge", "urges", "plan", "plans", "planning", "intention", "intentions",
    "intent", "intend", "think", "thinking", "would", "will", "do", "did", "actually",
    "currently", "anymore", "longer", "a", "an", "my", "feelings", "feeling", "feel",
    "felt", "ideas", "desire", "wish", "wishes", "want", "wanted", "wanna", "to", "need",
    "like", "more", "even", "got", "get", "getting", "considering", "or", "and", "anything",
    "from", "further", "recent", "recently", "now", "right", "today", "tonight", "this",
    "week", "since", "last", "time", "suicidal", "self", "harm", "harming", "hurting",
    "killing", "ending", "cutting", "that", "way", "such", "kind", "sort", "risk", "active",
    "passive", "immediate", "serious", "seriously", "mean", "meant", "intending", "it",
    "in", "danger", "myself", "life", "own", "taking", "you", "worry", "worried", "dont",
    "don't", "there", "is", "are", "were", "was", "it's", "its", "on", "just", "suicide",
    "death", "dying", "hurt", "cut", "nor", "ideation", "impulses", "impulse", "no",
    "wanting",
}  # fmt: skip
# Phrases with a negation word that negate nothing in the risk phrase after them.
PSEUDO_NEGATIONS = (
    ("can't", "stop"), ("cant", "stop"), ("cannot", "stop"), ("couldn't", "stop"),
    ("couldnt", "stop"), ("not", "sure"), ("no", "idea"), ("not", "only"),
    ("no", "one"), ("no", "way"), ("not", "ok"), ("not", "okay"), ("not", "good"),
    ("not", "great"), ("not", "fine"), ("not", "alright"), ("not", "coping"),
    ("not", "safe"), ("no", "point"), ("no", "reason"), ("don't", "know"),
    ("dont", "know"), ("can't", "help"), ("cant", "help"), ("no", "matter"),
    ("not", "gonna", "lie"), ("wont", "lie"), ("won't", "lie"), ("no", "doubt"),
    ("not", "even"), ("no", "energy"), ("no", "hope"), ("not", "well"),
    ("can't", "cope"), ("cant", "cope"), ("can't", "sleep"), ("cant", "sleep"),
    ("no", "sleep"), ("didn't", "sleep"), ("didnt", "sleep"), ("not", "sleeping"),
)  # fmt: skip
HYPOTHETICAL = {"if", "hypothetically", "imagine", "whether", "case", "unless", "suppose"}
# ("what if", "wonder if", "as if", "if I'm honest") ask or say, rather than suppose.
PSEUDO_HYPOTHETICAL = (
    ("what", "if"), ("wonder", "if"), ("wondering", "if"), ("wondered", "if"),
    ("as", "if"), ("if", "i'm", "honest"), ("if", "im", "honest"), ("if", "i", "am", "honest"),
    ("if", "i'm", "being", "honest"), ("if", "im", "being", "honest"),
    ("feel", "as", "if"), ("even", "if"),
)  # fmt: skip
HYPOTHETICAL_PHRASES = (("should", "i", "ever"), ("should", "i", "feel"), ("in", "case"))
# "is suicidal", "she's suicidal": a verb form the writer does not use of themselves.
THIRD_PERSON_VERBS = {"is", "are", "seems", "sounds", "looks", "wants", "isn't", "isnt"}
NOT_A_PERSON = {"there's", "it's", "that's", "what's", "here's", "let's", "life's", "everything's"}
CONTEXT_TOKENS = 12


def normalise(text: str) -> str:
    """Lower case with straight apostrophes, the same length as `text` (offsets hold)."""
    out = []
    for char in text:
        lower = char.lower()
        char = lower if len(lower) == 1 else char
        out.append("'" if char in "\u2019\u2018\u02bc`" else char)
    return "".join(out)


def _clause_before(norm: str, start: int, *, joiners_end_clause: bool = True) -> list[str]:
    """The words before `start` in the same clause, nearest last (at most CONTEXT_TOKENS).
    A supposition reaches across "and I" ("if things got bad and I wanted to die"), so
    the hypothetical check passes joiners_end_clause=False."""
    tokens = [t for t in _TOKEN.finditer(norm, 0, start)]
    words: list[str] = []
    boundary = start
    for token in reversed(tokens):
        gap = norm[token.end() : boundary]
        if _HARD_BREAK.search(gap):
            break
        word = token.group()
        if word in _CLAUSE_WORDS:
            break
        # "..., I" or "and I" starts a new clause with its own subject.
        starts_clause = "," in gap or (joiners_end_clause and word in _JOINERS)
        if words and words[0] in FIRST_PERSON - {"me", "myself"} and starts_clause:
            break
        words.insert(0, word)
        boundary = token.start()
        if len(words) >= CONTEXT_TOKENS:
            break
    return words


def _strip_phrases(words: list[str], phrases) -> list[str]:
    """Blank out (as "") the words of each phrase, so their cues are not counted."""
    result = list(words)
    for phrase in phrases:
        size = len(phrase)
        for index in range(len(result) - size + 1):
            if tuple(result[index : index + size]) == phrase:
                result[index : index + size] = [""] * size
    return result


def _negated(words: list[str]) -> bool:
    cleaned = _strip_phrases(words, PSEUDO_NEGATIONS)
    for index in range(len(cleaned) - 1, -1, -1):
        if cleaned[index] in NEGATIONS:
            return all(word in BRIDGE for word in words[index + 1 :])
    return False


def _hypothetical(words: list[str]) -> bool:
    cleaned = _strip_phrases(words, PSEUDO_HYPOTHETICAL)
    if any(word in HYPOTHETICAL for word in cleaned):
        return True
    return any(
        tuple(cleaned[i : i + len(phrase)]) == phrase
        for phrase in HYPOTHETICAL_PHRASES
        for i in range(len(cleaned))
    )


def _names_the_writer(span: str) -> bool:
    return any(w in FIRST_PERSON or w in {"my"} for w in _TOKEN.findall(span))


def _about_someone_else(words: list[str], span: str) -> bool:
    if _names_the_writer(span):
        return False
    last = words[-1] if words else ""
    if last in THIRD_PERSON_VERBS or (last.endswith("'s") and last not in NOT_A_PERSON):
        return True
    for word in reversed(words):
        if word in FIRST_PERSON:
            return False
        if word in THIRD_PERSON:
            return True
    return False


def _why_set_aside(rule: Rule, norm: str, start: int, end: int) -> str | None:
    if rule.idiom_after is not None and rule.idiom_after.match(norm, end):
        return "idiom"
    if rule.idiom_before is not None and rule.idiom_before.search(
        norm[max(0, start - 30) : start]
    ):
        return "idiom"
    words = _clause_before(norm, start)
    if _negated(words):
        return "negated"
    if _hypothetical(_clause_before(norm, start, joiners_end_clause=False)):
        return "hypothetical"
    if _about_someone_else(words, norm[start:end]):
        return "third_person"
    return None


def _overlaps(a: Match, b: Match) -> bool:
    return a.start < b.end and b.start < a.end


def _rank(match: Match) -> tuple:
    return (match.severity == HIGH, match.end - match.start, -match.start)


def _keep_strongest(matches: list[Match]) -> list[Match]:
    kept: list[Match] = []
    for match in sorted(matches, key=_rank, reverse=True):
        if not any(_overlaps(match, other) for other in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def screen(text: str) -> Screening:
    """Find the risk phrases in `text`; see the module docstring for the rules."""
    if not text or not text.strip():
        return Screening()
    norm = normalise(text)
    found: list[Match] = []
    suppressed: list[Suppressed] = []
    for rule in RULES:
        for hit in rule.pattern.finditer(norm):
            start, end = hit.span()
            match = Match(start, end, text[start:end], rule.name, rule.category, rule.severity)
            reason = _why_set_aside(rule, norm, start, end)
            if reason is None:
                found.append(match)
            else:
                suppressed.append(Suppressed(match, reason))
    kept = _keep_strongest(found)
    # A phrase set aside but overlapping a kept one says nothing new.
    quiet = [s for s in suppressed if not any(_overlaps(s.match, m) for m in kept)]
    return Screening(matches=tuple(kept), suppressed=tuple(quiet))


@dataclass(frozen=True)
class Part:
    text: str
    marked: bool = False
    rule: str = field(default="")


def highlight_parts(text: str, matches) -> list[Part]:
    """`text` cut into plain and matched parts, for a template to wrap the matched ones
    in <mark> while escaping every part."""
    parts: list[Part] = []
    position = 0
    for match in sorted(matches, key=lambda m: m.start):
        if match.start < position:
            continue
        if match.start > position:
            parts.append(Part(text[position : match.start]))
        parts.append(Part(text[match.start : match.end], True, match.rule))
        position = match.end
    if position < len(text):
        parts.append(Part(text[position:]))
    return parts
