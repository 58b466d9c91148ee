"""Screening a client's free text for risk language: a transparent rule set, in
English and Spanish, with a small linear model under it (screening_model.py).

No service, no download, no Django: every decision can be read here and is tested
against labelled sets of messages (tests/safety/screening_corpus/, scored by
screening_eval.py). The figures and the known misses are in docs/guide-safety-plans.md.
Every channel a client writes in calls this through safety/screening_alerts.py.

How a message is read:

1. The text is lower-cased, stripped of accents ("tomé" -> "tome") and curly apostrophes
   straightened, one character for one, so the offsets of a match point into the
   client's own words. Every message is read with both languages' rules.
2. Each rule is a regular expression for a family of risk phrases (`RULES`), with a
   category and a severity. Severity is **high** for intent, a plan or the means,
   preparation (a goodbye, a note, giving things away), an attempt, danger now (an
   overdose taken, somewhere dangerous now, being hurt now) and threats to someone else,
   and **moderate** for thoughts of death or suicide and for self-harm. The word forms
   carry a short explicit list of common misspellings and slang (`_KILL`, `_MYSELF`,
   `_SUICIDE_STEM`, "kms", "unalive", "sewerslide").
3. A match is then set aside (kept in `suppressed`, with the reason) when:
   - it is **negated**: a negation word ("not", "no", "never", "don't", "nunca", "ni"...)
     governs it, with only "bridge" words in between ("I'm not suicidal", "no tengo
     pensamientos de suicidio"). Words such as "ok" or "know" break the bridge, so "im
     not ok i want to die" is still caught;
   - it is **hypothetical**, for feelings only (thoughts, self-harm): "if", "in case",
     "should I ever", "si"... earlier in the clause ("if I ever felt suicidal I would
     call"), but not "what if", "wonder if", "as if" or "if I'm honest". A condition
     never sets aside intent, a plan, a threat or danger ("if he comes near me I'll
     stab him");
   - it is about **someone else**: the nearest subject before a match that names nobody
     is a third person ("my friend said she wants to die", "mi prima ... suicidarse").
     Matches that name the writer ("kill myself", "matarme") are never set aside this
     way, nor are threats and danger now, which are mostly said of someone else;
   - it is about a **film, book, course or the news** and does not name the writer;
   - it is **resolved history**: a past marker in its sentence ("years ago", "hace
     años"), being better now in the message, and nothing saying it is back;
   - it is an **idiom** the rule lists ("kill myself laughing", "me muero de risa",
     "cut myself shaving", "me corté el pelo");
   - it is **work talk**: a bare risk word right before a word of the job ("an overdose
     patient", "self-harm calls") or with a customer or patient as its subject;
   - it is **quoted** as someone else's words or as a word ('she said "I want to die"',
     'slang like "unalive"');
   - it is a feeling said with **laughter** ("me quiero morir jajaja reprobé"), unless the
     message takes the joke back ("jk... unless", "no es tan jajaja"). Intent, means, an
     attempt, a threat or danger now is never set aside as a joke.
   Each phrase is judged on its own: setting one aside never hides another.
   A clause ends at . ! ? ; a line break, "but", "however", "though"..., and at a comma,
   "and", "so" or "because" that starts a new "I ..." clause.
4. Overlapping matches keep the most severe, then the longest.
5. When no rule flagged anything, the second reader (screening_model.py) may still flag
   the message (moderate), marking the words that weighed most; when a rule set a
   phrase aside, it must be surer (SET_ASIDE_MARGIN), so a phrase set aside never
   silences risk said in other words elsewhere in the message. The reader is told what
   the rules saw (each rule matched or set aside, and why), and the families whose flags
   were mostly wrong on held-out authors (READER_ONLY_RULES) are weighed by it instead
   of flagging on their own.

When the rules or the model change, RULES_VERSION changes too: each screened text
stores the version that screened it.
"""

import re
import unicodedata
from dataclasses import dataclass, field

RULES_VERSION = "client-text-rules-2026.7+lr-2026.6"

HIGH, MODERATE = "high", "moderate"


@dataclass(frozen=True)
class Rule:
    name: str
    # intent, plan, preparation, attempt, thoughts, self_harm, harm_to_others, danger_now
    category: str
    severity: str
    pattern: re.Pattern
    # An idiom when the text right after (or right before) the match fits these.
    idiom_after: re.Pattern | None = None
    idiom_before: re.Pattern | None = None
    # The phrase itself is said of the writer (Spanish first-person forms: "me quiero
    # morir", "matarme"): never set aside as being about someone else.
    names_writer: bool = False
    # Only when the sentence speaks of the writer ("I", "me", "my", "yo", "mi"...).
    needs_first_person: bool = False


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
    # negated, hypothetical, third_person, idiom... or weighed_by_reader (a
    # READER_ONLY_RULES phrase the second reader did not flag)
    reason: str


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
# Word families carry the misspellings and spellings seen in messages ("kil my slef",
# "sucide", "sewerslide"): a small explicit list of forms, not a guess at any word.
_KILL = r"(?:kill?|kil)(?:ing|in|ed|s)?"
_MYSELF = r"(?:my\s?s[ea]?l+[fv]e?|my\s?slef|my\s?slf|myslef|meself|mself)"
_SUICIDE_STEM = r"s[uo]e?i?[cs]{1,2}i?d"  # suicide, sucide, suiside, suicdal, suicidio
_SELF_END = rf"""(?:{_KILL}\s+{_MYSELF}|kms|unaliv\w*(?:\s+{_MYSELF})?|off(?:ing|in)?\s+{_MYSELF}
    |end(?:ing|in)?\s+my\s+(?:own\s+)?life|end(?:ing|in)?\s+it\s+all
    |tak(?:e|ing)\s+my\s+(?:own\s+)?life|commit(?:ting)?\s+(?:{_SUICIDE_STEM}\w*|sewer\s?slide)
    |hang(?:ing)?\s+{_MYSELF}|drown(?:ing)?\s+{_MYSELF}|finish\s+my\s+life)"""
_DIE = r"""(?:die|dye(?!\s+(?:my|it|the|her|his))|d[iy]e\s+already|be\s+dead|disappear\s+forever
    |stop\s+existing|not\s+exist|not\s+be\s+alive|not\s+be\s+here\s+any\s?more
    |(?:go\s+to\s+)?sleep\s+forever|rest\s+forever|be\s+gone|stop\s+living|leave\s+this\s+world
    |not\s+be\s+around|(?:go\s+to\s+)?sleep\s+and\s+(?:never|not)\s+wake\s+up)"""
_PILLS = r"""(?:(?:sleeping|anxiety|pain|heart|blood\s+pressure|my|her|his)\s+)?(?:pills?|tablets?
            |meds
    |medications?|medicines?|painkillers|paracetamol|tylenol|ibuprofen|aspirin|insulin
    |antidepressants|sertraline|codeine|tramadol|oxy\w*|xanax|valium|diazepam)"""
_LAUGH_ETC = r"""\s+(?:of|from|with)\s+(?:embarrassment|shame|laughter|laughing|boredom
    |happiness|cringe)|\s+laughing|\s+for\s+(?:a|some|one)\b|\s+to\s+(?:see|get|try|know
    |go|meet|hear|watch|find|tell|eat|read)"""
# People a threat may be aimed at ("I'm going to kill him", "hurt my stepdad").
_PERSON = r"""(?:him|her|them|you|everyone|everybody|someone|somebody|people|whoever|anyone|anybody
    |(?:the|those|these|all\s+the)\s+(?:people|guys|kids|girls|boys|bitches|bastards|teachers)
    |that\s+(?:guy|man
    |woman|girl|boy|bitch|bastard)|(?:my|his|her|the|our)\s+(?:\w+\s+)?(?:husband|wife|partner
    |boyfriend|girlfriend|son|daughter|baby|kids?|child(?:ren)?|mum|mom|mother|dad|father
    |stepdad|stepmum|stepmom|brother|sister|boss|manager|neighbou?r|teacher|ex|colleagues?
    |co-?workers?|landlord|family|classmates?|bully|bullies))"""
_WEAPON = r"(?:gun|knife|knives|rifle|shotgun|pistol|revolver|weapon|bat|machete|axe)"
_DANGER_PLACE = r"""(?:(?:the\s+)?(?:edge\s+of\s+(?:the|a)\s+)?(?:roof(?:top)?|bridge|ledge|cliff
    |(?:train\s+|railway\s+)?tracks|railway|platform\s+edge|top\s+of\s+(?:the|a|my)\s+(?:\w+\s+)?
    (?:building|car\s+park|multi-?stor(?:e)?y|block|tower|flats))
    |(?:the\s+|my\s+)?(?:\w+\s+floor\s+)?balcony|window\s+ledge)"""

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
            |\b(?:bought|got|buying|ordered|have)\s+(?:a\s+|some\s+)?(?:rope|noose|razor\s+blades)\b(?!\s+(?:swing|ladder|bridge|course)\b)(?![^.!?\n]{{0,30}}\bfor\s+(?:the|a|my)\s+(?:\w+\s+)?
            (?:tent|boat|garden|camping|climbing|swing|dog|goats?|horses?|boxes|move|trailer|canoe|kayak
            |(?:new\s+)?(?:safety\s+)?(?:razor|shaver)))
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
        idiom_after=_rx(
            r"""[^.!?\n]{0,40}(?:holiday|vacation|on\s+a\s+trip|away\s+(?:for|at|on)|camping
            |conference|no\s+signal|business\s+trip)"""
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
        idiom_after=_rx(
            r"""[^.!?\n]{0,40}(?:vitamins|like\s+i\s+was\s+(?:supposed|told)|as\s+prescribed
            |the\s+doctor\s+(?:gave|said|prescribed))"""
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
        "wish_dead",
        "thoughts",
        MODERATE,
        _rx(
            r"""\bwish(?:ed|ing)?\s+(?:i\s+)?(?:was|were|could\s+be|could)\s+(?:dead|gone
            |never\s+born|not\s+here|not\s+alive|die|disappear(?!\s+(?:to|into|for|on|under|from)\b))
            |\bwish(?:ed)?\s+i\s+(?:had\s+)?(?:never\s+been\s+born|died|had\s+died
            |hadn'?t\s+woken\s+up|didn'?t\s+wake\s+up|would\s+die|wouldn'?t\s+wake\s+up
            |could\s+just\s+(?:die|disappear|not\s+wake\s+up))
            |\bhop(?:e|ing)\s+i\s+(?:don'?t|dont|never|won'?t)\s+wake\s+up"""
        ),
        idiom_after=_rx(r"\s+(?:to|into|for|on|under|from)\s+(?:a|the|my)\b"),
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
            |at\s+(?:work|football|training)|doing|(?:my\s+(?:own\s+)?)?(?:hair|nails|fringe|bangs)|out\b|back\b|down\b|ties\b|corners|class)"""
        ),
        idiom_before=_rx(r"(?:accidentally|nearly|almost|by\s+accident)\s+$"),
    ),
    # --- More of what clients write (English) ----------------------------------------
    Rule(
        "intent_slang",
        "intent",
        HIGH,
        _rx(
            rf"""\b(?:ima|imma|i'?mma|finna|bout\s+to|i'?m\s+gonna|i\s+am\s+going\s+to
            |i'?m\s+going\s+to|i'?ll|i\s+will|i'?m|im|i\s+am)\s+(?:just\s+|finally\s+)?
            (?:{_SELF_END}\b|end(?:ing|in)?\s+it\b(?!\s+with)|jump(?:ing)?\s+(?:off|from
            |in\s+front)
            |jump\b(?=\s*(?:[.!,;]|$|\s+(?:tonight|now|today)))
            |walk(?:ing)?\s+into\s+the\s+(?:sea|river|lake|traffic|ocean)|hang(?:ing)?\s+{_MYSELF}
            |tak(?:e|ing)\s+(?:them\s+all|all\s+(?:of\s+)?(?:my|the|these)\s+{_PILLS}|every\s+(?:single\s+)?(?:one|{_PILLS}))
            |(?:crash|drive|driving|crashing)\s+(?:my\s+car\s+)?(?:into|off))"""
        ),
        idiom_after=_rx(r"\s+(?:laughing|with\s+(?:him|her|them)|in\s+the\s+pool|at\s+work)"),
    ),
    Rule(
        "about_to_act",
        "intent",
        HIGH,
        _rx(
            rf"""\b(?:my\s+plan\s+is\s+to|plan(?:ning)?\s+to|going\s+to\s+try\s+to)\s+(?:jump|hang
            |overdose
            |drown|die|end\s+(?:it|my\s+life)|kill\s+{_MYSELF}|take\s+(?:all|them|every))
            |\babout\s+to\s+(?:jump|do\s+it|end\s+it|take\s+(?:them|it\s+all|the\s+pills)
            |overdose|hang|cut\s+(?:deep|my\s+wrists?))
            |\bready\s+to\s+(?:go|die|leave\s+this\s+world|join\s+(?:her|him|them))\b
            (?!\s+(?:back|to|out|home|on|for|in|into|shopping|now\s+to|through|over|with))
            |\bmade\s+my\s+peace|\bready\s+to\s+join\b"""
        ),
    ),
    Rule(
        "means_and_research",
        "plan",
        HIGH,
        _rx(
            rf"""\b(?:research\w*|search\w*|googl\w*|look\w*\s+up|read\w*\s+(?:about|up\s+on)
            |found\s+out|work\w*\s+out|check\w*)\s+(?:online\s+)?(?:for\s+)?(?:about\s+)?
            (?:painless\s+ways?|ways?\s+to\s+(?:die|end\s+it|kill\s+{_MYSELF})
            |how\s+(?:much|many|long|high|far|to)\b[^.!?\n]{{0,40}}?(?:die|kill|lethal|enough
            |bleed\s+out|overdose|fatal|hang|drown))
            |\bpainless\s+(?:ways?\s+to\s+die|death|suicide)|\bhow\s+(?:much|many)\s+[^.!?\n]{{0,30}}?(?:is\s+too\s+(?:much|many)
            |(?:is|are|would\s+be)\s+(?:lethal|fatal|deadly)|would\s+(?:kill|be\s+enough))|\bbleed(?:ing)?\s+out\b
            |\bplann\w*\s+(?:how|when|where)\s+(?:to|i'?ll|i\s+would|i'?d|i\s+will)\s+do\s+it
            |\btake\s+(?:them\s+)?all\s+at\s+once
            |\b(?:sav|hoard|stockpil|collect|stash|keep|kept|gather|put\s+aside|set\s+aside|hid
            |hiding)\w*
            \s+(?:up\s+)?
            (?:all\s+)?(?:of\s+)?(?:my\s+|the\s+|some\s+|her\s+|his\s+)?{_PILLS}\b
            (?!\s+(?:for\s+(?:my|the)\s+(?:holiday|trip)|in\s+the\s+(?:fridge|cupboard)\s+as|in\s+a\s+lock\w*|lock\w*
            |away|safe|with\s+(?:my|the|a)\s+(?:partner|sister|brother|mum|mom|dad|pharmacist|nurse|wife|husband)))
            |\b{_PILLS}\s+(?:counted|lined\s+up|ready|set\s+aside|saved|stashed|hidden)
            |\bhow\s+many\s+(?:of\s+)?(?:my\s+|these\s+|the\s+)?\w+\s+(?:would|it\s+would|will)\s+
            (?:be\s+enough|kill|do\s+it|take)
            |\b(?:bought|got|buying|ordered|have|has|tied|found)\s+(?:a\s+|some\s+|the\s+)?
            (?:a\s+(?:length|piece)\s+of\s+)?(?:rope|noose|hose)\b(?!\s+(?:swing|ladder|bridge|course|pipe)\b)(?![^.!?\n]{{0,30}}\b(?:for|to)\s+(?:the|a|my)\s+(?:\w+\s+)?
            (?:tent|boat|garden|camping|dog|goats?|horses?|boxes|move|trailer|canoe|kayak
            |climbing|swing|washing|clothes|plants|car\s+wash))
            |\brope\s+(?:tied|ready|around|up\s+in)|\bnoose\b|\bcar\s+exhaust\b
            |\bplastic\s+bag\s+over\s+my\s+head|\bknife\s+(?:against|to|on)\s+my\s+(?:wrist|throat
            |arm|skin)
            |\bheight\s+of\s+the\s+\w+(?:\s+\w+)?\s+to\s+see\s+if\s+it\s+would\s+kill\s+me
            |\bwould\s+(?:it|that|the\s+fall)\s+kill\s+me|\blethal\s+dose"""
        ),
    ),
    Rule(
        "goodbyes_and_giving_away",
        "preparation",
        HIGH,
        _rx(
            r"""\bgiv\w*\s+(?:all\s+)?(?:of\s+)?my\s+(?:things|stuff|belongings|possessions)\s+away
            |\bwon'?t\s+(?:need|be\s+needing|be\s+using|be\s+playing|be\s+wearing)\s+(?:them|it|any
            |those|these|this|that)\b
            |\bgave\s+(?:away\s+)?my\s+(?:dog|cat|pets?|rabbit|bird)\s+(?:away|to)
            |\bmake\s+sure\s+my\s+(?:cat|dog|pets?|kids|children)\s+(?:goes|go|gets|is|are)
            |\bwho\s+(?:gets|will\s+get|should\s+(?:get|have))\s+my\b
            |\bmade\s+sure\s+(?:they|she|he|everyone)(?:'ll|\s+will)\s+be\s+(?:looked\s+after|ok
            |okay
            |fine|taken\s+care\s+of|provided\s+for)
            |\b(?:instructions|plans|wishes)\s+for\s+(?:the|my)\s+(?:own\s+)?funeral
            |\bplann\w*\s+my\s+(?:own\s+)?funeral
            |\b(?:letters?|notes?)\s+(?:to|for)\s+(?:my\s+)?(?:kids|children|family|wife|husband
            |partner|mum|mom|parents|everyone|sister|brother)\s+in\s+case
            |\b(?:left|leave|wrote|written|writing)\s+(?:a\s+|my\s+)?(?:letters?|notes?)\s+for\s+
            (?:my\s+)?(?:wife|husband|partner|kids|children|family|mum|mom|parents|everyone)
            \b(?!\s+(?:about|to\s+(?:remind|say\s+(?:happy|thanks))))
            |\bsaid\s+my\s+goodbyes|\bplann\w*\s+my\s+exit\b
            |\b(?:put|putting|got|getting|sorted|sorting)\s+(?:my\s+)?(?:affairs|papers|finances)\s+in\s+order
            |\b(?:wrote|written|finished)\s+my\s+(?:note|letter)(?=\s*(?:[.!,;]|$|\s+(?:for|to)\s+(?:everyone
            |my\s+(?:family|kids|mum|mom|parents|wife|husband))))|\bgoodbye\b[^.!?\n]{0,40}\blast\s+time\b|\bby\s+the\s+time\s+you\s+read\s+this
            |\blast\s+(?:message|text|words)\b|\blast\s+time\s+you(?:'ll|\s+will)?\s+(?:hear|see)
            |\bi'?m\s+sorry\s+it\s+wasn'?t\s+enough|\bthank\s+you\s+for\s+everything[^.!?\n]{0,40}
            (?:sorry|goodbye|bye)|\blove\s+you\s+all[.!\s]*(?:bye|goodbye|sorry)?$
            |\bso\s+(?:nobody|no\s+one)\s+has\s+to\s+deal\s+with\s+it
            |\bwon'?t\s+be\s+(?:a\s+(?:problem|burden)|here|around)\s+(?:for\s+\w+\s+)?
            (?:much\s+longer|for\s+long|after\s+tonight)
            |\bdon'?t\s+think\s+i'?(?:ll|\s+will)\s+be\s+(?:here|around|alive)
            |\bwon'?t\s+matter\s+(?:any\s?more|soon)"""
        ),
    ),
    Rule(
        "wishes_and_hopelessness",
        "thoughts",
        MODERATE,
        _rx(
            rf"""\bwant(?:s|ed|ing)?\s+(?:it\s+all|everything|it|the\s+pain|my\s+life)\s+to\s+
            (?:end|be\s+over|stop)\b(?!\s+for\s+(?:a|the)\s+(?:bit|while|day|weekend|moment))
            |\bif\s+i\s+(?:was|were)\s+(?:dead|gone)\b|\bi\s+give\s+up(?=\s*(?:[.!]|$))
            |\bbetter\s+(?:off\s+)?without\s+me|\b(?:when|after|once)\s+i'?m\s+(?:gone|dead|not\s+here|no\s+longer\s+here)\b
            |\b(?:not|no\s+longer|never)\s+(?:to\s+)?(?:continue|go\s+on|carry\s+on)\s+with\s+(?:[a-z]+\s+){{0,4}}?(?:my\s+life|living)\b|\bnot\s+coming\s+(?:home|back)\b
            |\b(?:do|done|did|doing)\s+something\s+to\s+myself|\bscared\s+i'?(?:ll|\s+will|\s+might)\s+do\s+something
            |\bdon'?t\s+see\s+myself\s+(?:getting\s+old|growing\s+old|living|making\s+it|being\s+here)
            |\b(?:not\s+(?:going\s+to|gonna)|won'?t|don'?t\s+think\s+i'?(?:ll|\s+will))\s+make\s+it\s+(?:to|through|past)\b
            |\bjump\w*\s+(?:off|from)\s+(?:something|somewhere|anything)\b|\bsleep\s+for\s+ever\b
            |\bmade\s+(?:my\s+mind\s+up|up\s+my\s+mind)\b|\bif\s+anything\s+(?:happens|should\s+happen)\s+to\s+me
            |\b(?:not|n'?t|won'?t)\s+(?:gonna\s+|going\s+to\s+)?be\s+(?:around|here|alive)\s+(?:much\s+)?(?:longer
            |for\s+long)|\b(?:not|never|don'?t|dont)\s+(?:to\s+)?wake\s+up\b(?!\s+(?:until|till|in\s+time|on\s+time
            |early|late|at\s+\d|for|when|so|in\s+the\s+morning|tomorrow\s+(?:at|for|early)))
            |\b(?:should|could|might|may)\s+(?:just\s+)?end\s+it\b(?!\s+with)|\btonight'?s\s+the\s+night
            |\bif\s+i\s+(?:wasn'?t|weren'?t|was\s+not|didn'?t\s+exist|died|disappeared)\b
            |\b(?:don'?t|do\s+not)\s+want\s+(?:to\s+do\s+)?(?:this|my)\s+life|\bdeserve\s+to\s+(?:die|be\s+dead|suffer)
            |\bshould\s+(?:just\s+)?(?:die|be\s+dead)\b
            |\b(?:relieved|happier|better|easier|glad|fine|free)\s+if\s+i\s+(?:died|was\s+gone
            |were\s+gone|disappeared
            |wasn'?t\s+here|weren'?t\s+here|killed\s+myself|was\s+dead)
            |\bnothing\s+(?:left\s+)?to\s+live\s+for|\bcan'?t\s+live\s+(?:like\s+this
            |with\s+(?:this|myself)|any\s?more)
            |\b(?:i'?ll|i\s+will)\s+be\s+gone\s+(?:soon|by|tomorrow|before)|\bsoon\s+i'?(?:ll
            |\s+will)\s+be\s+gone
            |\bwant\s+to\s+disappear(?=\s*(?:[.!,;]|$|\s+(?:and|for\s+good|completely)))
            |\b(?:i'?d\s+(?:like|prefer|rather)|i\s+would\s+(?:like|prefer
            |rather))\s+(?:to\s+)?(?:not\s+(?:to\s+)?wake\s+up
            |be\s+dead|not\s+exist|die|not\s+be\s+alive|disappear(?!\s+(?:to|into|for|on|under|from)\b))
            |\b(?:looking|staring|stared|looked|holding|held)\s+at\s+(?:the\s+|my\s+
            |a\s+)?(?:knife|knives|knife\s+block
            |pills|tablets|rope|blade|razor|tracks|gun|edge)\b
            |\b(?:fastest|quickest|easiest|best|surest|painless|simplest
            |quietest)\s+ways?\s+to\s+(?:go|die|do\s+it
            |end\s+it|kill|disappear(?!\s+(?:to|into|for|on|under|from)\b))\b
            |\bend(?:ing|in)?\s+things\b(?!\s+(?:with|off|between))|\buntil\s+i\s+(?:die|am\s+dead
            |stop\s+breathing)
            |\b(?:don'?t|do\s+not|never)\s+(?:really\s+|even\s+)?(?:wanna
            |want\s+2)\s+(?:be\s+alive|live
            |exist|be\s+here|wake\s+up)|\b(?:want|wanna)\s+d[iy]e\b
            |\b(?:wanna|want\s+to|want\s+2|tryna(?:\s+not)?|trying\s+not\s+to)\s+(?:just\s+)?
            (?:{_SELF_END}|end\s+it\b(?!\s+with)|d[iy]e\b(?!\s+(?:my|it|the|her|his)))
            |\b(?:don'?t|do\s+not|can'?t|cannot)\s+see\s+(?:the\s+|any\s+|a\s+)?(?:point|reason
            |future
            |way\s+out|way\s+forward)\b(?!\s+(?:in|of)\s+(?:going\s+to|the\s+party|it\s+at\s+work
            |cleaning|doing))
            |\bno\s+(?:point|reason)\s+(?:in\s+|to\s+)?(?:living|going\s+on|being\s+alive
            |carrying\s+on
            |being\s+here|to\s+live|anything)|\bno\s+way\s+out\b|\b(?:no|any)\s+reason\s+to\s+(?:carry\s+on|go\s+on|keep\s+going|stay|be\s+here)\b
            |\bwhat'?s\s+the\s+point\s+(?:of|in)\s+(?:anything|it\s+all|everything|me)\b
            |\b(?:happier|better(?:\s+off)?|easier)\s+if\s+i\s+(?:was|were|wasn'?t|weren'?t|am)\s+
            (?:gone|dead|here|around|alive|never\s+born)
            |\b(?:no\s?one|nobody|no-one)\s+would\s+(?:even\s+)?(?:care|notice|miss\s+me)
            |\b(?:relief|better|easier|nice|peaceful)\s+(?:to\s+)?(?:not\s+(?:to\s+)?wake\s+up
            |never\s+(?:to\s+)?wake\s+up|to\s+die|to\s+be\s+dead|to\s+not\s+exist|not\s+to\s+exist)
            |\bwish\w*\s+(?:i\s+)?(?:would|could|'d)\s+(?:just\s+)?(?:get\s+)?(?:hit\s+by
            |run\s+over
            |die|not\s+wake|never\s+wake|disappear(?!\s+(?:to|into|for|on|under|from)\b))
            |\bwish\w*\s+i\s+(?:was|were)\s+never\s+born|\bwish\s+i\s+wasn'?t\s+(?:alive|here|born)
            |\bhop(?:e|ing)\s+i\s+(?:just\s+)?(?:die|get\s+hit|don'?t\s+wake|never\s+wake|crash
            |don'?t\s+make\s+it)
            |\bpray\w*\s+(?:to\s+)?(?:not\s+(?:to\s+)?wake|i\s+(?:don'?t|won'?t)\s+wake|to\s+die
            |for\s+death|(?:god|he)\s+takes?\s+me)|\b(?:god
            |lord)\s+(?:please\s+)?(?:just\s+)?take\s+me
            |\b(?:not\s+)?(?:afraid|scared)\s+of\s+(?:dying|death)\s+any\s?more
            |\blooking\s+forward\s+to\s+(?:dying|death|being\s+dead|the\s+end)
            |\b(?:join|be\s+with)\s+(?:her|him|them|my\s+\w+)\s+(?:in\s+heaven|up\s+there
            |on\s+the\s+other\s+side)
            |\bwant\s+out\b(?!\s+of\s+(?!this\s+(?:life|world))(?:this|my|the)\b)
            |\bwant\s+out\s+of\s+(?:this\s+)?(?:life|world)
            |\bcan'?t\s+see\s+(?:a|any)\s+future|\bno\s+future\s+for\s+(?:me|someone\s+like\s+me|people\s+like\s+me)
            |\b(?:can'?t|cannot)\s+(?:do\s+this|take\s+(?:it|this)|keep\s+living
            |go\s+on)\s+any\s?more
            (?=\s*(?:[.,;!?]|$|\s+(?:i|and|so)\b))
            |\b(?:tired|sick)\s+of\s+(?:being\s+alive|living|life|existing)\b
            |\b(?:being|just|such|a)\s+(?:a\s+)?burden\s+(?:to|on|for)\s+(?:my|the|our|his|her|everyone|everybody|people|them)\b(?!\s+nhs)
            |\b(?:just\s+)?a\s+burden(?:\s+to\s+(?:my\s+)?(?:family|everyone|everybody|people|them))?
            (?=\s*(?:[.,;!?]|$|\s+(?:to\s+(?:my\s+)?(?:family|everyone)|and)))
            |\bwaste\s+of\s+(?:space|air|oxygen)|\bdon'?t\s+deserve\s+to\s+(?:live|be\s+alive
            |exist)
            |\bkeep\s+(?:imagining|picturing)\s+(?:my\s+)?(?:funeral|death|dying|{_SELF_END}
            |hanging)"""
        ),
        idiom_after=_rx(r"\s+(?:of|from)\s+(?:embarrassment|boredom|laughing|laughter)"),
    ),
    Rule(
        "thinking_of_a_method",
        "thoughts",
        MODERATE,
        _rx(
            rf"""\b(?:think\w*|thought\w*|imagin\w*|pictur\w*|dream\w*|fantasi[sz]\w*)
            \s+(?:a\s+lot\s+|so\s+much\s+|constantly\s+|all\s+the\s+time\s+|seriously\s+
            |again\s+)?(?:about|of)?\s*
            (?:how\s+easy\s+it\s+would\s+be\s+to\s+(?:just\s+)?)?(?:jumping|hanging|drowning
            |overdosing
            |slitting|swerving|stepping\s+(?:off|in\s+front)|walking\s+into
            |driving\s+(?:my\s+car\s+)?into
            |crashing|putting\s+a\s+(?:plastic\s+)?bag|death\b|being\s+dead|my\s+(?:own\s+)?death
            |ending\s+things|using\s+it\s+on\s+{_MYSELF}|{_SELF_END}
            |(?:just\s+)?(?:step|jump)\s+(?:off|in\s+front)|it\s+being\s+over|ending\s+it)
            |\b(?:swerv\w*|crash\w*|driv\w*|step\w*|jump\w*)\s+(?:my\s+car\s+)?(?:into|off
            |in\s+front\s+of)
            \s+(?:the\s+|a\s+)?(?:oncoming\s+traffic|oncoming|a\s+tree|a\s+wall|lorry|truck|train
            |platform
            |bridge|cliff|roof|ledge|road|edge)
            |\bsuicid\w*\s+(?:keeps?|kept)\s+coming|\bnearly\s+(?:jumped|killed\s+{_MYSELF}
            |did\s+it)"""
        ),
        idiom_after=_rx(r"\s+(?:in\s+the\s+(?:book|film|movie|show|pool|lake)|for\s+joy)"),
    ),
    Rule(
        "suicide_word",
        "thoughts",
        MODERATE,
        _rx(
            rf"""\b{_SUICIDE_STEM}\w*|\bsewer\s?slide\w*|\bunaliv\w*|\bkms\b|\bk\.m\.s\b
            |\boverdos(?:ed|ing)\b|\boverdoes\b"""
        ),
        idiom_after=_rx(
            r"""\w*\s*(?:prevention|awareness|training|squad|hotline|help\s?line|crisis\s+line
            |lifeline|watch\s+(?:charity|group)|statistics|rates?\b|del\s+suicidio
            |risk\s+(?:training|assessment|course))"""
        ),
        idiom_before=_rx(r"(?:prevencion|prevención)\s+del?\s+$"),
    ),
    Rule(
        "self_harm_acts",
        "self_harm",
        MODERATE,
        _rx(
            r"""\bcut(?:s|ting|tin)?\s+(?:into\s+)?(?:up\s+)?(?:my\s+|both\s+)?(?:arms?|wrists?
            |thighs?
            |legs?|skin|stomach|hips?|belly)\b
            |\b(?:burn|scratch|scrap|pick|bit|bite|gouge|punch)\w*\s+(?:at\s+)?(?:my\s+)?(?:skin
            |arms?|wrists?|legs?
            |thighs?|stomach)\b|\bhurt\s+my\s?self|\bmade\s+cuts|\b(?:urges?|urge)\s+to\s+(?:cut
            |burn|hurt)
            |\bslit\w*\s+(?:my\s+)?(?:wrists?|throat|arms?)|\bcut\w*\s+(?:too\s+)?deep(?:er)?\b|\bcut\s+(?:my\s+)?(?:wrists?|throat)
            |\b(?:fresh|new|deep)\s+cuts?\b|\bcuts?\s+on\s+my\s+(?:wrists?|arms?|thighs?|legs?)
            |\bcut(?:ting)?\s+again\b|\bcutting\s+(?:helps|is\s+the\s+only|makes\s+me)
            |\b(?:burn|burnt|burned|cut|hit|hurt|scratch\w*|bruis\w*|bit|bite|punch\w*|slam\w*
            |carv\w*)\b[^.!?\n]{0,40}\bon\s+purpose
            |\buntil\s+(?:they|it|i|my\s+\w+)\s+(?:bled|bleeds?|bleeding|bruised|broke|hurt)
            |\bbang\w*\s+my\s+head|\bmade\s+myself\s+bleed|\bcarv\w*[^.!?\n]{0,20}(?:into|in
            |on)\s+my\s+
            (?:arm|leg|skin|wrist|thigh|stomach)
            |\bpunch\w*\s+(?:the\s+)?walls?\b[^.!?\n]{0,40}(?:hurt|broke|bled|bleed)
            |\bwanted\s+it\s+to\s+hurt|\bburn(?:ed|t|ing)?\s+again\b
            |\bstitches\s+(?:in|on|for)\s+my\s+(?:arm|wrist|leg|thigh|stomach)
            |\b(?:thinking\s+about|urges?\s+to|craving|crave|want\s+to|wanna)\s+(?:cutting|cut
            |burn|the\s+blade)
            \b(?!\s+(?:back|out|down|the\s+(?:cake|grass|hedge)|my\s+hair|class|corners|ties))"""
        ),
        idiom_after=_rx(
            r"""\s+from\s+(?:the|a|my)\s+(?:cat|dog|kitten|puppy|fall|accident|bike|garden|brambles|roses?)\b
            |[^.!?\n]{0,40}(?:gardening|dry\s+skin|eczema|itch\w*|rash|rose\s+bush|brambles?|thorns?)
            |\s+(?:shaving|cooking|chopping|gardening|in\s+the\s+kitchen|by\s+accident
            |accidentally|at\s+(?:the\s+gym|work|football|training))"""
        ),
    ),
    Rule(
        "self_harm_euphemism",
        "self_harm",
        MODERATE,
        _rx(
            r"""\brelaps\w*\b(?!\s+(?:with|on|into)\s+(?!(?:(?:the|my)\s+)?(?:sh|self|cutting|cut|the\s+blade|blades?|burning|it)\b))
            (?!\s+(?:with|on|into)\s+(?:my\s+)?(?:the\s+)?(?:smok\w*|cigarettes?|diet
            |drink\w*|alcohol|sugar|chocolate|gambling|vaping|weed|junk|biscuits|cake))
            |\bsh'?d\b|\bsh\s+(?:again|urges?|relapse|last|this|today|tonight)|\b(?:the|my)\s+sh\b
            |\bsh\s*$
            |\b(?:broke|lost|broken|ruined|reset)\s+my\s+(?:\d+\s+\w+\s+)?(?:clean\s+)?streak
            |\b\d+\s+(?:days?|weeks?|months?)\s+clean\s+gone|\bclean\s+streak
            |\bblades?\b(?!\s+(?:for\s+(?:my|the|a)\s+(?:\w+\s+){0,2}(?:razor|shaver|mower
            |lawnmower)|of\s+grass
            |runner))|\brazor\b(?=[^.!?\n]{0,40}\b(?:again|cut\w*|arms?|wrists?|thighs?|blood|bleed\w*|chat|relaps\w*
            |habits?|hand|right\s+now)\b)|\b(?:used|with|grabbed|took\s+out|found|holding)\s+(?:the|my|a)\s+razor\b
            |\b(?:arms?|wrists?|thighs?|legs?|skin)\s+(?:have|has|got)\s+(?:new|fresh|more)\s+(?:marks|cuts|scars|burns)
            |\b(?:new|fresh)\s+(?:marks|scars|burns)\s+on\s+my
            |\b(?:back\s+to|went\s+back\s+to|with)\s+the\s+(?:sharpener|scissors|lighter|compass)
            |\b(?:the\s+)?(?:lighter|scissors|sharpener)\s+again
            |\b(?:my\s+)?(?:arms?|wrists?|thighs?)\s+(?:are|is)\s+(?:a\s+mess|cut\s+up|covered
            |scarred
            |bleeding)|\blong\s+sleeves\s+(?:again|to\s+hide)
            |\bself[\s-]?(?:harm|injur|destruct)\w*"""
        ),
        idiom_after=_rx(r"\s*(?:awareness|training|course|essay|research|prevention)"),
    ),
    Rule(
        "threat_to_others",
        "harm_to_others",
        HIGH,
        _rx(
            rf"""\b(?:going\s+to|gonna|'ll|will|ima|imma|i'?mma|want\s+to|wanna|wants\s+to|could
            |plan(?:ning)?\s+to|feel\s+like|thoughts?\s+of|thinking\s+(?:of|about)|urges?\s+to
            |dream\w*\s+(?:of|about)|fantasi[sz]\w*\s+about|imagin\w*)\s+
            (?:really\s+|just\s+|fucking\s+)?(?:kill\w*|murder\w*|stab\w*|shoot\w*|strangl\w*
            |hurt\w*
            |harm\w*|beat\w*|burn\w*|smash\w*|choke\w*|chok\w*|poison\w*|attack\w*|hit\w*|punch\w*
            |slap\w*)
            \s+{_PERSON}\b
            |\bmake\s+(?:him|her|them|everyone|{_PERSON})\s+(?:pay|suffer|bleed|regret)
            |\bpoison\w*\s+(?:him|her|them|(?:his|her|their|my)\s+\w+)
            |\bwant\w*\s+{_PERSON}\s+(?:to\s+)?(?:die|dead|to\s+be\s+dead|to\s+suffer)\b
            |\bshoot\s+up\s+(?:the|my|a)\s+(?:school|office|work|place|college|church|party)
            |\bburn\w*\s+(?:his|her|their|the)\s+(?:house|flat|car|place|school)\s+down
            |\bsmash\w*\s+(?:his|her|their)\s+(?:face|head|skull)
            |\bbring\w*\s+(?:my|a|the|his|dad'?s|my\s+dad'?s)\s+(?:\w+\s+)?{_WEAPON}\s+(?:in|to)
            |\b{_WEAPON}\s+(?:in|on)\s+(?:my|the)\s+(?:bag|pocket|car|coat)\s+for
            |\b(?:clean\w*|load\w*|bought|got)\s+(?:my|a)\s+(?:gun|rifle|shotgun|pistol)
            |\b(?:hit|hurt|slapped|beat|shook|punched|kicked|smacked)\s+my\s+(?:son|daughter|baby
            |kids?
            |child(?:ren)?|partner|wife|husband|girlfriend|boyfriend)\b
            |\bteach\s+(?:him|her|them)\s+a\s+lesson|\bremembers?\s+my\s+name|\bbulletproof\s+vest|\bchaleco\s+antibalas
            |\b(?:won'?t|not\s+going\s+to)\s+be\s+breathing
            |\b(?:they|he|she|everyone|you)(?:'ll|\s+will)\s+(?:all\s+)?(?:pay|be\s+sorry
            |regret\s+it)
            (?=\s*(?:[.!,;]|$|\s+for\s+what|\s+when|\s+on))
            |\bsee\s+(?:him|her|them|\w+)\s+dead\b|\b(?:he|she|they)\s+deserves?\s+to\s+die
            |\b(?:se\s+merece|merecen?)\s+morir|\b(?:lo|la|los)\s+quiero\s+ver\s+muert[oa]s?
            |\b(?:someone|somebody|people|everyone)\s+(?:at\s+\w+\s+)?(?:is|are)\s+(?:going\s+to|gonna)\s+(?:get\s+)?(?:hurt|killed|die)\b
            |\bget\s+what'?s\s+coming\b|\bwon'?t\s+see\s+it\s+coming
            |\b(?:gonna|going\s+to)\s+(?:get\s+it|regret\s+it)\b"""
        ),
        idiom_after=_rx(
            r"""\s+(?:a\s+pizza|for\s+(?:a|some)|time|the\s+(?:weeds|spider|game|boss\b)
            |it\s+(?:at|on)|with\s+kindness|[^.!?\n]{0,60}(?:\blol\b|\blmao\b|\bhaha|\bjk\b
            |\U0001F602|\U0001F923)|if\s+(?:she|he)\s+(?:eats|finds|sees|touches\s+my\s+(?:food
            |stuff)))"""
        ),
    ),
    Rule(
        "danger_overdose_taken",
        "danger_now",
        HIGH,
        _rx(
            rf"""\b(?:took|taken|swallowed|jus\s+took|just\s+took|downed|necked)\s+(?:like\s+
            |about\s+
            |around\s+|over\s+|maybe\s+)?(?:\d+|ten|twenty|thirty|forty|fifty|a\s+(?:whole\s+)?
            (?:bottle|box|packet|pack|bunch|handful|load|lot|ton|strip)|all|too\s+many|loads|lots
            |the\s+whole
            |every|both|half\s+a\s+(?:bottle|box|packet|pack|strip)|(?:my|the
            |a)\s+whole\s+(?:prescription|bottle|box|packet|pack|strip|supply
            |lot))\b(?:\s+(?:of\s+)?(?:my|the|her|his|these|those|them|a))?[^.!?\n]{{0,25}}?
            (?:{_PILLS}|\bthem\b|\bit\b)
            |\bhad\s+(?:my|the|a)\s+whole\s+(?:bottle|box|packet|pack|strip)\s+of\s+(?:the\s+)?{_PILLS}
            |\btook\s+too\s+many\b|\btook\s+(?:my|the)\s+whole\s+(?:prescription|supply|bottle|box
            |packet)|\b(?:already|just)\s+(?:taken|took|swallowed)\s+(?:them|it|the\s+\w+)
            |\btook\s+something\b|\bwoke\s+up\s+in\s+(?:the\s+)?(?:hospital|a&e|er|icu|intensive\s+care)\b|\b(?:did|done)\s+something\s+(?:stupid|bad|dumb)
            |\bi(?:'ve|\s+have|\s+just)?\s+(?:taken|took|had|did)\s+(?:an?\s+)?(?:overdos\w*
            |overdoes|overdoze|od)\b
            |\b(?:drank|drunk|drinking|vodka|wine|whisky|alcohol)[^.!?\n]{{0,40}}\b(?:took|taken
            |swallowed)
            \b[^.!?\n]{{0,20}}{_PILLS}"""
        ),
        idiom_after=_rx(
            r"""[^.!?\n]{0,40}(?:vitamins|like\s+i\s+was\s+(?:supposed|told)|as\s+prescribed
            |the\s+doctor\s+(?:gave|said|prescribed)|photos?|pictures)"""
        ),
    ),
    Rule(
        "danger_place_now",
        "danger_now",
        HIGH,
        _rx(
            rf"""\b(?:i'?m|im|i\s+am|standing|sitting|stood|here)\s+(?:standing\s+|sitting\s+
            |now\s+
            |right\s+now\s+)?(?:on|at|by|in)\s+{_DANGER_PLACE}
            |\b(?:i'?m|im|i\s+am)\s+(?:at|on|in)\s+the\s+(?:station|bridge|car\s+park|roof)
            \s+(?:about|ready|and\s+(?:i'?m\s+)?(?:going|gonna))
            |\b(?:car|engine)\b[^.!?\n]{{0,40}}\b(?:garage|engine\s+running)\b
            |\bgarage\b[^.!?\n]{{0,30}}
            \bengine
            |\b(?:i'?m|im|i\s+am)\s+in\s+the\s+(?:bath|bathtub|tub|bathroom|car|woods)\s+with\s+(?:the|a|my)\s+
            (?:razor|blade|knife|rope|pills|{_WEAPON})
            |\bbleeding\s+(?:a\s+lot|heavily|badly|loads|so\s+much)|\bwon'?t\s+stop\s+bleeding
            |\bcan'?t\s+stop\s+(?:the\s+)?bleeding|\b(?:cut|wound)\s+is\s+(?:really\s+|very\s+
            |too\s+)?deep
            |\bcan'?t\s+stay\s+awake|\b{_PILLS}\s+(?:in\s+front\s+of|next\s+to|beside)\s+me
            |\bedge\s+of\s+(?:the|a)\s+(?:platform|roof|bridge|cliff|building|balcony|car\s+park)\b
            |\bcut\s+(?:too|really|very)\s+deep"""
        ),
        idiom_after=_rx(
            r"""[^.!?\n]{0,50}\b(?:walking|fixing|having\s+(?:a\s+)?(?:coffee|drink|lunch|picnic)
            |terrace|garden|path|waiting\s+for|repair\w*|photo|view|sunset|lovely|beautiful|traffic
            |meet|gutter|with\s+(?:the|my)\s+(?:dog|kids|friends))"""
        ),
    ),
    Rule(
        "being_hurt_now",
        "danger_now",
        HIGH,
        _rx(
            rf"""\b(?:is|are|'s|keeps|kept|started)\s+(?:hitting|beating|hurting|choking
            |strangling|attacking
            |kicking|threatening|raping|stabbing|chasing)\s+me\b
            |\b(?:beating|choking|strangling|stabbing|hitting)\s+me\s+(?:help|now|right\s+now
            |please)
            |\b(?:says|said|saying|screaming|shouting|yelling|texting|threaten\w*|swore|swears)\s+(?:that\s+)?(?:he|she|they)?\s*(?:'ll|will
            |is\s+going\s+to
            |'s\s+going\s+to|'s\s+gonna|is\s+gonna|to)\s+(?:kill|hurt|stab|shoot|beat)\s+me
            |\b(?:strangled|choked|raped|stabbed|punched|kicked|slapped|smacked|attacked|beat)\s+me\b|\blocked\s+me\s+in\b
            |\b(?:outside|here|downstairs|in\s+the\s+house)\s+with\s+a\s+{_WEAPON}
            |\b(?:he|she|they)\s+(?:has|have|'s\s+got|has\s+got|got)\s+a\s+{_WEAPON}
            |\bhands?\s+(?:round|around|on)\s+my\s+(?:neck|throat)|\bkicking\s+(?:the|my)\s+door
            |\b(?:swallowed|drank|drunk|took|taken|had|necked)\s+(?:some\s+|a\s+(?:little\s+)?(?:bottle|bit|cup|glass|mouthful|sip|capful)\s+of\s+)?(?:bleach|poison
            |antifreeze|weedkiller|rat\s+poison|chemicals|drain\s+cleaner)
            |\bgoing\s+over\s+(?:the\s+)?(?:edge|railings?|side|balcony)|\b(?:i'?m|im)\s+going\s+over\b
            |\bi'?m\s+hiding\b
            |\b(?:scared|afraid|terrified|fear)\b[^.!?\n]{{0,30}}\b(?:kill|hurt|hit|beat
            |stab)\s+me\b
            |\btrying\s+to\s+(?:get\s+in(?:to)?|break\s+in(?:to)?)\b[^.!?\n]{{0,30}}(?:my
            |the)\s+(?:flat|house
            |room|door)|\bthreatening\s+me\b
            |\b(?:don'?t|do\s+not)\s+feel\s+safe|\bnot\s+safe\s+(?:at\s+home|here|right\s+now
            |tonight|now|today
            |with\s+(?:him|her|myself))|\b(?:don'?t|can'?t|cannot)\s+trust\s+myself
            |\bscared\s+(?:of\s+)?what\s+i'?(?:ll|\s+might|\s+will|\s+could
            |\s+am\s+going\s+to)\s+do
            |\bcome\s+quick|\bhelp\s+me\s+please|\bplease\s+help\s+me|^\s*help[.!\s]*$
            |^\s*help[.!]"""
        ),
    ),
    # The safety net: a word of death or dying in a sentence that speaks of the writer,
    # when no phrase above explains it. Its idioms are listed; the rest is flagged
    # (recall before precision: a clinician reads a false alarm in seconds). "Died" and
    # "murio" are left out: they are nearly always someone else's death (grief).
    Rule(
        "death_word_first_person",
        "thoughts",
        MODERATE,
        _rx(
            r"""\b(?:d[iy]e|dying|dead|death|morir\w*|muert[oa]s?|muerte|obituary|funeral|coffin|grave
            |in\s+the\s+ground|six\s+feet\s+under|end\s+it\b(?!\s+(?:with|there|here|off|between))
            |sobro|estorbo|soga|venas)\b"""
        ),
        idiom_after=_rx(
            r"""\s*(?:laugh\w*|of\s+(?:embarrassment|boredom|shame|laughter|cringe|hunger|fright|heat)
            |to\s+(?:see|go|get|try|know|meet|hear|watch|find|tell|eat|read|have|sleep)
            |for\s+(?:a|some|my|the)\b|tired|on\s+my\s+feet|good|inside\s+(?:lol|haha)|lol|lmao|haha
            |\U0001F480|\U0001F602|\U0001F62D|battery|serious|set|end|center|centre|weight|line|heat
            |ringer|giveaway|easy|wrong|(?:my|her|his)\s+hair|hair|of\s+(?:a|my|the)\s+(?:battery|phone)
            |de\s+(?:la\s+)?(?:risa|verguenza|hambre|sueno|calor|frio|ganas|amor|aburrimiento|pena|cansancio
            |miedo|susto|envidia|celos)|del\s+susto|por\s+(?:un|una|ver|ir|verte)|jaja|director|march
            |home|service|parlour|plot|yard|digger|mistake|of\s+me|if\s+i\s+(?:don'?t|can'?t)\s+(?:get|go|see|have)
            |de\s+(?:mi|su|tu|nuestr[ao])\s+(?!vida)|to\s+me|in\s+(?:this|that|the)\s+(?:pic|photo|picture|comments)
            |as\s+a\s+(?:possible\s+)?(?:complication|risk|side\s+effect)|than\b
            |(?:is|was|will\s+be)\s+(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day)"""
        ),
        idiom_before=_rx(
            r"""(?:phone|battery|laptop|car|plants?|flowers|tv|computer|bored\s+to|scared\s+to|to|nearly
            |almost|could(?:\s+have)?|thought\s+i'?d|would|se|casi|early|an\s+early
            |(?:she|he|they|it)(?:'ll|\s+will|\s+might|\s+may|\s+could)|miedo(?:\s+(?:a|de))?|(?:scared|afraid|fear|worr(?:y|ied))\s+(?:of|about)|me\s+muero|estoy|the\s+living|brain|stone|cold
            |drop|dead\s+and|half|about\s+(?:life\s+and)?|life\s+and|the\s+(?:film|book)\s+was\s+about
            |over\s+my|hole\s+and|legally|look(?:s|ed)?|you'?re|want(?:s|ed)?\s+me|(?:at|to|since|after)\s+the|wicker
            |nada|(?:se\s+(?:me|nos|le)\s+ha)|amenaz\w*\s+de|(?:wifi|wi-fi|internet|signal|connection|printer|engine|line)(?:\s+\w+){0,3}
            |his|her|their
            |\w+'s|my\s+(?:mum|mom|dad|father|mother|friend|grandma|grandad|gran|nan|dog|cat|uncle|aunt
            |brother|sister|son|daughter|wife|husband)'?s?)\s+$"""
        ),
        needs_first_person=True,
    ),
    # --- Spanish (read without accents: "tomé" and "tome" are the same word here) -------
    Rule(
        "es_wants_to_die",
        "thoughts",
        MODERATE,
        _rx(
            r"""\b(?:me\s+)?(?:quiero|kiero|qiero|quisiera|deseo|necesito)\s+(?:morir(?:me)?
            |matarme
            |suicidarme|desaparecer\s+para\s+siempre|dormir\s+y\s+no\s+despertar
            |irme\s+de\s+este\s+mundo
            |quitarme\s+la\s+vida|acabar\s+con\s+(?:mi\s+vida|todo)|terminar\s+con\s+(?:mi\s+vida
            |todo)
            |dejar\s+de\s+existir|estar\s+muert[oa]|desaparecer(?!\s+(?:del?\b|un\s+rato|por\s+un))|matar(?=\s*(?:[.,;!?]|$|\s+ya
            |\s+hoy)))
            |\bme\s+(?:quiero|kiero|qiero|quisiera)\s+(?:morir|matar|ir\s+de\s+este\s+mundo
            |quitar\s+la\s+vida
            |suicidar|colgar|ahorcar|tirar(?!\s+(?:a|en|al)\s+(?:la\s+|el\s+)?(?:piscina|pileta|alberca|agua|playa|cama|sofa|suelo|mar\s+con))|aventar|desaparecer(?!\s+(?:del?\b|un\s+rato|por\s+un)))
            |\bno\s+tengo\s+(?:ganas|fuerzas|motivos|razones)\s+(?:de|para)\s+(?:vivir|seguir)
            |\b(?:ya\s+)?no\s+(?:tengo|me\s+quedan)\s+(?:fuerzas|ganas)\s+(?:de|para)\s+(?:vivir
            |seguir)
            |\bque\s+(?:se\s+)?(?:acabe|termine)\s+todo|\bmejor\s+sin\s+mi\b|\bcortar(?:me)?\s+las\s+venas
            |\b(?:cuerda|soga)\s+(?:lista|preparada)|\btomar(?:me)?\s+(?:todo\s+el\s+(?:frasco|bote)|todas)
            |\b(?:me\s+da\s+igual|no\s+me\s+importa(?:ria)?)\s+(?:morir(?:me)?|vivir|si\s+me\s+muero)
            |\bno\s+vale\s+la\s+pena\s+(?:vivir|seguir)|\bla\s+vida\s+no\s+vale\s+la\s+pena
            |\bojala\s+(?:me\s+)?(?:muer|murier|atropell|mat|no\s+despiert|desaparezc|desaparecier)\w*
            |\b(?:no\s+tengo|sin)\s+(?:razones|motivos|ganas)\s+(?:para|de)\s+(?:vivir|seguir)
            |\bya\s+no\s+voy\s+a\s+estar\s+aqui|\bya\s+me\s+despedi
            |\b(?:me\s+gustaria|quisiera|preferiria|prefiero)\s+(?:no\s+despertar|morir
            |estar\s+muert[oa]|desaparecer(?!\s+(?:del?\b|un\s+rato|por\s+un))
            |no\s+existir|no\s+haber\s+nacido|dormir\s+para\s+siempre|no\s+estar\s+viv[oa])
            |\b(?:quiero|kiero)\s+estar\s+muert[oa]|\bno\s+quiero\s+estar\s+viv[oa]
            |\bmejor\s+me\s+muero
            |\bhart[oa]\s+de\s+(?:vivir|la\s+vida|existir)|\bnada\s+por\s+(?:lo\s+)?que\s+vivir
            |\bno\s+puedo\s+vivir\s+(?:asi|mas)|\bme\s+quiero\s+hacer\s+dano
            |\bme\s+(?:quiero\s+)?ir\s+para\s+siempre
            |\bganas\s+de\s+(?:morir(?:me)?|matarme|suicidarme|desaparecer(?!\s+(?:del?\b|un\s+rato|por\s+un))|no\s+despertar
            |no\s+vivir)
            |\bojala\s+(?:me\s+muriera|me\s+muera|estuviera\s+muert[oa]|no\s+despertara
            |no\s+despierte
            |no\s+hubiera\s+nacido|no\s+existiera|desapareciera|me\s+atropellara)
            |\bno\s+(?:quiero|kiero|qiero|deseo)\s+(?:seguir\s+)?(?:vivir|viviendo|despertar
            |existir
            |estar\s+aqui|seguir\b(?!\s+(?:con|estudiando|trabajando|en|asi\s+con)))
            |\bcansad[oa]\s+de\s+(?:vivir|la\s+vida|existir|estar\s+viv[oa])
            |\bsin\s+(?:ganas|sentido)\s+de\s+vivir|\bno\s+le\s+(?:veo|encuentro)\s+sentido\s+a\s+
            (?:la\s+vida|seguir|vivir|nada)|\bsentido\s+a\s+seguir\s+viviendo
            |\bquitarme\s+de\s+en\s+medio|\bno\s+(?:quiero|voy\s+a|pienso)\s+volver\b|\b(?:sobro|estorbo)\b|\bque\s+todo\s+(?:se\s+)?(?:acabe|termine)
            |\b(?:soy|me\s+siento)\s+(?:una\s+)?carga|\bmejor\s+(?:para\s+todos\s+)?si\s+(?:yo\s+)?
            (?:no\s+estuviera|me\s+muero|desaparezco|no\s+existiera)|\bestarian\s+mejor\s+sin\s+mi
            |\bnadie\s+me\s+(?:va\s+a\s+)?(?:extranaria|extranar|echaria\s+de\s+menos|echar\s+de\s+menos)
            |\bcuando\s+ya\s+no\s+(?:este|estee|exista)\b
            |\b(?:ya\s+)?no\s+(?:aguanto|puedo|doy|soporto)\s+mas(?:\s+(?:con\s+)?(?:esta
            |mi)\s+vida)?
            (?=\s*(?:[.,;!?]|$|\s+(?:y|quiero|ya|no|me|de\s+verdad|asi)\b))"""
        ),
        idiom_after=_rx(
            r"""\s+(?:de\s+(?:la\s+)?(?:risa|verguenza|hambre|sueno|calor|frio|ganas|amor
            |aburrimiento
            |pena|cansancio))"""
        ),
        names_writer=True,
    ),
    Rule(
        "es_thinking_of_suicide",
        "thoughts",
        MODERATE,
        _rx(
            r"""\b(?:pienso|pensando|pensado|pense|pensar|pensamientos?|ideas?|fantaseo|pensaba)\s+
            (?:mucho\s+|siempre\s+|todo\s+el\s+(?:dia|tiempo)\s+|a\s+veces\s+|seguido\s+|\w+mente\s+)?(?:en|de
            |sobre)\s+
            (?:el\s+|la\s+)?(?:matarme|suicid\w*|quitarme\s+la\s+vida|morir(?:me)?|tirarme|colgarme
            |ahorcarme|aventarme|acabar\s+con\s+(?:todo|mi\s+vida)|cortarme|hacerme\s+dano
            |la\s+muerte
            |muerte|desaparecer(?!\s+(?:del?\b|un\s+rato|por\s+un)))
            |\b(?:matarme|ahorcarme|colgarme|aventarme|quitarme\s+la\s+vida|suicidarme)\b
            |\bme\s+(?:voy\s+a|vo\s+a|quiero)\s+(?:colgar|ahorcar|aventar|tirar|lanzar)(?!\s+(?:a|en|al)\s+(?:la\s+|el\s+)?(?:piscina|pileta|alberca|agua|playa|cama|sofa|suelo|mar\s+con))
            |\btirarme\s+(?:del?|por|a|al|bajo)\b"""
        ),
        names_writer=True,
    ),
    Rule(
        "es_intent_or_attempt",
        "intent",
        HIGH,
        _rx(
            r"""\b(?:me\s+voy\s+a\s+(?:matar|suicidar|quitar\s+la\s+vida|colgar|ahorcar|tirar(?!\s+(?:a|en|al)\s+(?:la\s+|el\s+)?(?:piscina|pileta|alberca|agua|playa|cama|sofa|suelo|mar\s+con))
            |aventar
            |lanzar)|voy\s+a\s+(?:matarme|suicidarme|quitarme\s+la\s+vida|colgarme|ahorcarme
            |tirarme
            |aventarme|lanzarme|acabar\s+con\s+(?:todo|mi\s+vida)|terminar\s+con\s+(?:todo
            |mi\s+vida)
            |saltar))
            |\bme\s+(?:intente|trate\s+de)\s+(?:matar|suicidar|quitar\s+la\s+vida|ahorcar|colgar)\b
            |\bsi\s+[^.!?\n]{1,60}?\bme\s+mato\b(?!\s+(?:de|a|con|por|en|\w+ando|\w+iendo)\b)
            |\b(?:hoy|manana|esta\s+noche|que\s+viene|pronto)\s+me\s+mato\b
            |\bme\s+mato\s+(?:hoy|manana|esta\s+noche|la\s+semana|el\s+(?:lunes|martes|miercoles|jueves
            |viernes|sabado|domingo|finde|fin\s+de\s+semana)|pronto)\b
            |\b(?:intente|trate\s+de|trate|intento\s+de)\s+(?:matarme|suicidarme
            |quitarme\s+la\s+vida
            |ahorcarme|colgarme|tirarme|cortarme\s+las\s+venas)
            |\btengo\s+todo\s+(?:planeado|listo|preparado)|\b(?:juntando|guardando|acumulando
            |junto|guardo)\s+
            (?:las\s+|mis\s+)?(?:pastillas|pildoras|medicinas|medicamentos)
            |\bbusque\s+(?:en\s+internet\s+)?como\s+(?:matarme|suicidarme|morir
            |quitarme\s+la\s+vida)
            |\btomar(?:me)?(?:las)?\s+todas\b|\bcarta\s+de\s+despedida|\besta\s+es\s+mi\s+despedida
            |\bme\s+despedi\s+de\s+todos|\b(?:les|le)\s+deje\s+una\s+carta
            |\bdeje\s+todo\s+(?:arreglado|listo|en\s+orden)|\bregal\w*\s+(?:mis\s+cosas|todo
            |a\s+mi\s+(?:perro|gato)|mi\s+(?:perro|gato))
            |\bya\s+no\s+(?:l[oa]s?\s+)?(?:voy\s+a\s+necesitar|necesitare)
            |\bya\s+no\s+voy\s+a\s+estar"""
        ),
        names_writer=True,
    ),
    Rule(
        "es_self_harm",
        "self_harm",
        MODERATE,
        _rx(
            r"""\bme\s+(?:he\s+vuelto\s+a\s+|volvi\s+a\s+|vuelvo\s+a\s+|estoy\s+)?(?:cort(?:o|e
            |ando|aba|ar)
            |lastim(?:o|e|ando|ar)|quem(?:o|e|ando|ar)|golpe(?:o|e|ando|ar))\b
            (?!\s+(?:el|la|los|las|mi)\s+(?:pelo|flequillo|unas|dedo|cabello|barba|lengua|rodilla|pierna|tobillo
            |pie|mano|hombro|espalda|codo))
            |\bcortarme\b|\bautolesi\w*|\bme\s+(?:hice|hago|he\s+hecho)\s+(?:cortes|heridas
            |quemaduras)
            |\bcortes\s+en\s+(?:el|los|mi|mis)\s+(?:brazos?|piernas?|munecas?|muslos?)
            |\b(?:hacerme|me\s+hice|me\s+hago|me\s+estoy\s+haciendo)\s+dano
            |\b(?:cort|quem|golpe|lastim|hice\s+dano|rasgu)\w*[^.!?\n]{0,40}a\s+proposito
            |\breca[iy]\w*|\bcuchillas?\b(?!\s+de\s+(?:rasurar|afeitar))|\bnavajas?\b(?!\s+de\s+(?:rasurar|afeitar))|\bme\s+corte\s+las\s+(?:munecas|venas)"""
        ),
        idiom_after=_rx(
            r"""(?![^.!?\n]*a\s+proposito)[^.!?\n]{0,40}(?:cocinando|cocinaba|picando|jugando|afeitando|corriendo
            |con\s+(?:el|la)\s+(?:horno|aceite|sarten|olla|estufa|tetera|agua\s+caliente)|\bal\s+\w+(?:ar|er|ir)(?:me)?\b|con\s+(?:un|una|el|la)\s+(?:papel|hoja|lata)|con\s+el\s+aceite
            |con\s+(?:el|un)\s+cuchillo\s+cocinando|en\s+la\s+(?:rodilla|espalda|pierna|cocina)
            )|(?![^.!?\n]*(?:volvi|otra\s+vez|de\s+nuevo))[^.!?\n]{0,100}(?:sin\s+querer|por\s+accidente)"""
        ),
        names_writer=True,
    ),
    Rule(
        "es_threat_to_others",
        "harm_to_others",
        HIGH,
        _rx(
            r"""\b(?:le|lo|la|los|les)\s+voy\s+a\s+(?:hacer\s+dano|matar|pegar(?:\s+un\s+tiro)?
            |apunalar
            |romper\s+la\s+cara|quemar)|\bvoy\s+a\s+(?:matar|apunalar|hacer\s+dano)\s+a\b
            |\b(?:matarlo|matarla|matarlos|matarlas|hacerle\s+dano|hacerles\s+dano|apunalarlo
            |apunalarla)\b
            |\bpegarle\s+un\s+tiro|\b(?:van|vas|va)\s+a\s+pagar(?:\s+(?:todos|todo))?\b
            |\bme\s+las\s+van\s+a\s+pagar|\bya\s+veran\b"""
        ),
        idiom_after=_rx(r"[^.!?\n]{0,60}(?:jaja|jeje|jsjs|\blol\b|\bxd\b|\U0001F602|\U0001F923)"),
    ),
    Rule(
        "es_danger_now",
        "danger_now",
        HIGH,
        _rx(
            r"""\b(?:me\s+)?(?:tome|he\s+tomado|me\s+he\s+tomado|trague|me\s+trague|acabo\s+de\s+tomar(?:me)?)\s+(?:todas?\s+(?:mis\s+|las\s+)?|una?\s+(?:frasco|bote|blister
            |monton|puno|caja|tira)
            (?:\s+entera|\s+completa)?\s+de\s+|todo\s+el\s+(?:frasco|bote|blister)\s+de\s+
            |el\s+(?:frasco|bote|blister|paquete|tubo)\s+(?:entero|completo)\s+de\s+
            |como\s+\d+\s+|como\s+(?:veinte|treinta|cuarenta|cincuenta)\s+|\d+\s+|muchas\s+)
            (?:\w+\s+)?(?:pastillas|pildoras|medicinas|medicamentos|capsulas|\w+(?:pam|lam|pina|ol|ona)\b)
            |\b(?:tome|me\s+tome|trague|bebi|he\s+tomado)\s+(?:\w+\s+)?(?:cloro|veneno|lejia|lavandina|raticida)
            |\bme\s+estoy\s+cortando\b|\bestoy\s+en\s+(?:la\s+orilla|el\s+acantilado|el\s+puente|la\s+azotea|el\s+techo|las\s+vias|la\s+cornisa
            |el\s+borde|el\s+tejado)
            |\bme\s+esta\s+(?:pegando|golpeando|ahorcando|amenazando|lastimando|ahogando)
            |\bme\s+amenaza\s+con|\b(?:dice|dijo)\s+que\s+me\s+va\s+a\s+matar
            |\bsangrando\s+mucho|\bno\s+(?:para|deja)\s+de\s+sangrar
            |\bahora\s+mismo\b[^.!?\n]{0,30}
            (?:puente|azotea|pastillas|cuchillo)"""
        ),
        idiom_after=_rx(
            r"""[^.!?\n]{0,40}(?:del\s+tratamiento|como\s+me\s+(?:dijo|indico)|que\s+me\s+receto
            |de\s+camino|tranc[oó]n|atasco|embotellamiento|llegar\s+tarde
            |trafico|tendiendo|la\s+ropa|vacaciones|tomando|paseando|caminando|de\s+viaje)"""
        ),
        names_writer=True,
    ),
    # --- Families seen in other writers' messages (English and Spanish) --------------
    # Each is a family of verbs and objects, in both languages, not one sentence.
    Rule(
        "self_punishment_food",
        "self_harm",
        MODERATE,
        _rx(
            r"""\b(?:don'?t|didn'?t|do\s+not|not)\s+(?:get\s+to|deserve\s+to|allowed\s+to
            |let\s+myself)\s+eat\b|\bdon'?t\s+deserve\s+(?:food|to\s+eat|dinner|lunch|breakfast)
            |\bnot\s+eating\s+(?:until|till|tomorrow\s+either|as\s+(?:a\s+)?punishment|again\s+until)
            |\bpunish\w*\s+(?:myself\s+)?by\s+not\s+eating|\bstarv\w*\s+myself
            |\bno\s+(?:food|eating)\s+(?:until|till|as\s+(?:a\s+)?punishment)
            |\b(?:no\s+)?(?:me\s+)?merezco\s+comer|\bno\s+(?:comi|como|he\s+comido|voy\s+a\s+comer)
            \s+nada\b[^\n]{0,60}\b(?:merezco|castigo|hasta\s+que)
            |\bno\s+(?:voy\s+a\s+)?comer\s+hasta\s+(?:que|llegar|bajar)
            |\bmatarme\s+de\s+hambre|\bcastig\w*\s+sin\s+comer"""
        ),
        names_writer=True,
    ),
    Rule(
        "self_harm_tools_and_wounds",
        "self_harm",
        MODERATE,
        _rx(
            r"""\bburn\w*\s+(?:myself|my\s+(?:arm|arms|wrist|wrists|leg|legs|hand|hands|skin
            |thigh|thighs|stomach))\s+with\b|\b(?:lighter|cigarette|cig|match|lit\s+match)
            \s+(?:on|to|against|into)\s+my\s+(?:skin|arm|arms|wrist|leg|hand|thigh)
            |\bsteri[\s-]?strips?\b|\bbutterfly\s+(?:stitches|strips|closures)
            |\b(?:yes|yeah|yep|si),?\s+(?:i\s+)?(?:cut|burn(?:ed|t)|hurt\s+myself|harmed|me\s+corte
            |me\s+queme)\b|\bcut\s+(?:twice|three\s+times|again|(?:\w+\s+)?times)\s+(?:this|last
            |since|once)\b
            |\bpinch\w*\s+(?:the\s+skin|my\s+(?:skin|arms?|legs?|stomach|thighs?))\b[^.!?\n]{0,40}
            \b(?:bruis\w*|bleed\w*|hurts?)
            |\bme\s+(?:he\s+vuelto\s+a\s+|volvi\s+a\s+|vuelvo\s+a\s+|estoy\s+|estuve\s+)?
            (?:aran(?:o|e|ando|ar|ado)|rasgun(?:o|e|ando|ar)|pellizc(?:o|e|ando|ar)|mord(?:i|iendo))
            (?:me)?\s+(?:los|las|el|la|mis?)\s+(?:brazos?|piernas?|munecas?|muslos?|piel|cara|manos?)
            |\baran(?:arme|andome)\b|\bquem\w*\s+con\s+(?:el|un|los)\s+(?:cigarr\w*|mechero
            |encendedor|cerillos?|fosforos?)
            |\b(?:peg|golpe)\w*\s+(?:la\s+)?cabeza\s+contra\s+(?:la|el|las)\s+(?:pared|suelo|puerta)
            |\bhasta\s+que\s+me\s+(?:sangr\w*|salio\s+sangre|sali\w*\s+moret\w*)
            |\b(?:hit|bang|slam|smash)\w*\s+my\s+head\s+against\b"""
        ),
        names_writer=True,
    ),
    Rule(
        "wish_for_an_accident",
        "thoughts",
        MODERATE,
        _rx(
            r"""\b(?:wish\w*|hop\w*|pray\w*|wouldn'?t\s+mind\s+if|want\w*|waiting\s+for)\s+
            (?:that\s+)?(?:a|the|some)\s+(?:bus|car|lorry|truck|train|van|plane)\s+(?:would\s+|to\s+
            |will\s+|just\s+)*(?:hit|hits|took\s+me\s+out|take\s+me\s+out|run\s+me\s+over|ran\s+me
            \s+over|flatten|crash|crashes|kill)
            |\bhope\s+(?:the\s+|this\s+|my\s+)?(?:plane|car|bus|train)\s+(?:crashes|goes\s+down)
            |\bespero\s+que\s+(?:el|un|algun)\s+(?:carro|coche|auto|camion|bus|autobus|tren|micro)
            \s+(?:no\s+(?:frene|pare)|me\s+(?:atropell|pegu|lleve|mate))
            |\bojala\s+(?:un|el)\s+(?:carro|coche|auto|camion|bus|autobus|tren)\s+me
            |\b(?:tired|sick)\s+of\s+(?:being\s+kept\s+alive|staying\s+alive|surviving|existing)
            |\b(?:think|thinking|thought)\s+(?:to|of|about)\s+kill\w*\s+me\b
            |\byeet\w*\s+(?:my\s?self|me)\b|\b(?:(?:jump|throw|launch|fling)\w*\s+myself|yeet\w*(?:\s+myself)?)\s+off
            \s+(?:the|a|this|that)\s+(?:\w+\s+){0,2}(?:roof|bridge|building|balcony|ledge|cliff
            |tower|car\s+park|parking\s+garage|overpass)
            |\b(?:tallest|highest)\s+(?:building|bridge|tower|car\s+park|point|roof)s?\b
            |\b(?:edificio|puente|torre|piso)\s+mas\s+alt[oa]\b
            |\bdesvivi\w*|\bno\s+despertar(?:me)?\s+(?:nunca|mas)
            |\b(?:dormir(?:me)?|acostarme)\s+y\s+(?:ya\s+)?no\s+(?:volver\s+a\s+)?despertar
            |\bno\s+tiene\s+sentido\s+(?:seguir|vivir)|\bactually\s+done\b(?!\s+with)
            |\bdone\s+for\s+real\b|\bnot\s+the\s+\w+\s+kind\s+of\s+done
            |\b(?:suicide|unalive|death)\s+pact\b|\bmy\s+own\s+arrangements\b
            |\b(?:doesn'?t|does\s+not|don'?t)\s+(?:even\s+)?(?:scare|frighten)\s+me\s+any\s?more
            |\bya\s+no\s+me\s+(?:da\s+miedo|asusta)\s+(?:morir|la\s+muerte)
            |\bnot\s+(?:waiting|going\s+to\s+wait)\s+(?:on|for)\s+god'?s?\s+(?:timing|time|plan)
            |\bno\s+voy\s+a\s+esperar\s+a\s+que\s+(?:el|dios|diosito)
            |\bme\s+(?:he\s+)?(?:cortado|quemado|lastimado|golpeado|aranado)\s+(?:los|las|el|la|mis?)\s+
            (?:brazos?|piernas?|munecas?|muslos?|piel|manos?)
            |\b(?:haven'?t|have\s+not|not)\s+eaten\s+(?:since|in|for)\b[^\n]{0,80}\b(?:punish\w*|deserve|earned?)
            |\beat\s+when\s+i\s+(?:feel\s+)?(?:i'?ve\s+|i\s+have\s+)?earned"""
        ),
        names_writer=True,
    ),
    Rule(
        "quiet_preparation",
        "preparation",
        MODERATE,
        _rx(
            r"""\b(?:affairs|accounts|finances|paperwork|papers|things)\s+(?:are\s+)?(?:all\s+)?
            (?:squared\s+away|in\s+order|tied\s+up)|\bsettled\s+(?:the|my|all\s+(?:the|my))\s+
            (?:accounts|debts|affairs)
            |\b(?:did|done|made|wrote|written|finished|updated|sorted(?:\s+out)?|signed)\s+my\s+will\b
            (?![^.!?\n]*(?:solicitor|lawyer|notary|everyone\s+should))
            |\brehom\w*\s+(?:my\s+|the\s+|our\s+)?(?:dog|cat|pets?|rabbits?|birds?|hamsters?
            |fish|guinea\s+pigs?)|\bkeep(?:ing)?\s+(?:him|her|them|it)\s+for\s+good\b
            |\bwho\s+gets\s+what\b|\b(?:gets|get|have|has|take|takes)\s+(?:my|the)\s+\w+(?:\s+and\s+
            (?:my|the)\s+\w+)?\s+if\s+anything\s+(?:happens|should\s+happen)
            |\b(?:gave|sent|told|given|giving|sending)\s+(?:\w+\s+){0,3}my\s+passwords\b
            |\bwhat\s+to\s+do\s+with\s+my\s+(?:accounts|things|stuff|pets?|dog|cat)
            |\bto\s+be\s+opened\s+(?:in\s+due\s+course|after|when|later)
            |\b(?:wrote|written|writing)\s+(?:a\s+)?letters?\s+(?:to|for)\s+(?:my\s+)?(?:son|daughter
            |sons|daughters|kids|children|family|wife|husband|partner)
            |\bwhere\s+i'?m\s+going\b(?=[^.!?\n]{0,3}(?:[.!]|$))
            |\bbefore\s+i\s+go\s*(?:[.!]|$)|\bone\s+less\s+thing[^.!?\n]{0,30}before\s+i\s+go
            |\b(?:tell|say)\s+(?:\w+\s+){0,3}i\s+said\s+goodbye|\bsay\s+goodbye\s+(?:to\s+\w+\s+)?for\s+me
            |\bshan'?t\s+be\s+(?:requiring|needing|coming|needed)
            |\b(?:do\s+not|don'?t|no\s+need\s+to)\s+(?:trouble\s+yourself\s+to\s+)?book\s+(?:another
            |any\s+more|my\s+next)\s+(?:appointment|session)
            |\bthank\s+you\s+for\s+(?:listening|everything|all)\s+(?:all\s+)?these\s+(?:months|years)
            |\bthank\s+you\s+for\s+everything\b(?=[^\n]*\b(?:you\s+(?:really\s+)?(?:did|tried)
            |goodbye|said\s+goodbye|take\s+care\s+of\s+yourself|no\s+more\s+appointments))
            |\bnothing\s+(?:further|else|more)\s+i\s+need\b
            |\bgracias\s+por\s+todo\b(?=[^\n]*(?:no\s+voy\s+a\s+(?:ir|venir|volver)|cuidese|cuidate
            |adios|hasta\s+siempre|despid))
            |\bya\s+no\s+(?:importara|va\s+a\s+importar)\b|\bdespues\s+del?\s+\w+\s+ya\s+no\b
            |\brepart\w*\s+(?:mis|todas\s+mis|todo\s+lo\s+mio|mis\s+\w+)\s*(?:cosas|joyas
            |pertenencias|libros|ropa|ahorros)?\b[^.!?\n]{0,60}(?:despues|cuando\s+no|peleas)
            |\b(?:sorting|sort)\s+out\s+who\s+gets\b
            |\bmade\s+(?:a|the)\s+decision\s+about\s+(?:things|it\s+all|everything)
            |\bnow\s+that\s+i\s+know\s+(?:when|how)\b|\b(?:oddly|strangely|weirdly)\s+(?:peaceful
            |calm|at\s+peace)|\bdespedirme\s+de\b|\bme\s+(?:estoy|voy\s+a)\s+despid\w*"""
        ),
    ),
    Rule(
        "veiled_threat",
        "harm_to_others",
        HIGH,
        _rx(
            r"""\b(?:everyone|everybody|they|he|she|you|all\s+of\s+(?:them|you)|them|people
            |(?:the|that|my|his|her)\s+\w+(?:\s+\w+)?)\b[^.!?\n]{0,30}?\b(?:is|are|will|'ll|'re
            |'s)\s+(?:all\s+)?(?:going\s+to\s+|gonna\s+)?(?:all\s+)?pay(?=\s*(?:[.!,;]|$|\s+for\s+(?:this|what
            |it\s+all)))
            |\b(?:won'?t|will\s+not|isn'?t\s+going\s+to)\s+be\s+a\s+problem\s+(?:(?:for\s+)?much\s+longer|for
            \s+long|any\s?more|after\s+\w+)
            |\b(?:don'?t|doesn'?t|do\s+not)\s+deserve\s+to\s+(?:keep\s+)?(?:breathe|breathing)
            |\b(?:people|he|she|they|him|her|them)\s+(?:like\s+(?:him|her|them|that)\s+)?deserves?
            \s+to\s+die\b
            |\bsharpen\w*\s+(?:my\s+|the\s+|a\s+)?(?:knife|knives|machete|blade|axe)
            |\b(?:gun|knife|knives|rifle|shotgun|pistol|revolver|weapon|machete|axe)\b[^\n]{0,160}?
            \b(?:i'?ll|i\s+will|i\s+shall|i'?m\s+going\s+to|i'?m\s+gonna|gonna)\s+use\s+(?:it|them|that)
            \s+on\s+(?:him|her|them|you|anyone|anybody|whoever|that\s+(?:man|guy|woman|bitch|bastard
            |prick)|(?:my|the|her|his)\s+(?:ex|husband|wife|partner|boss|dad|father|mum|mom|mother
            |stepdad|neighbou?rs?|landlord|brother|sister|bully|bullies))\b
            |\b(?:going\s+to|gonna|will|'ll)\s+(?:deal\s+with|take\s+care\s+of|handle|sort\s+out)
            \s+(?:him|her|them)\s+(?:tonight|tomorrow|before|for\s+good|once\s+and\s+for\s+all)
            |\b(?:you|they|everyone)(?:'ll|\s+will|\s+are\s+going\s+to|'re\s+going\s+to)\s+remember
            \s+(?:me|this\s+day|my\s+name)
            |\b(?:don'?t|do\s+not)\s+come\s+(?:in\s+)?(?:to\s+)?(?:school|work|class|the\s+office)
            \s+(?:on|this|tomorrow)
            |\b(?:voices?|they|he|she)\s+(?:keep\s+|keeps\s+)?(?:tell|telling|tells|told|say|saying
            |says|order\w*|command\w*)\s+(?:me\s+)?(?:to\s+|that\s+i\s+(?:have|need|must|should)\s+to\s+)?
            (?:hurt|kill|harm|stab|attack|poison|smother)
            |\b(?:pillow|hand|blanket|cushion)\s+over\s+(?:his|her|their|the\s+baby'?s|my\s+baby'?s)
            \s+(?:face|mouth)|\b(?:smother|suffocat|shak)\w*\s+(?:the|my)\s+baby
            |\b(?:bought|got|have|has)\s+(?:a|my|the)\s+(?:gun|pistol|rifle|shotgun)\b[^.!?\n]{0,40}
            \b(?:loaded|ready|not\s+for)|\b(?:gun|rifle|shotgun|pistol)\s+(?:is|'s)\s+(?:loaded
            |in\s+(?:the|my|his|her)\s+\w+)
            |\b(?:bring|brought|take|taking|bringing)\s+(?:my\s+|a\s+|the\s+|\w+'s\s+)?(?:gun|rifle
            |shotgun|knife|machete|pistol)\s+(?:to|into)\s+(?:school|work|the\s+office|class)
            |\bya\s+(?:van|vas|va)\s+a\s+ver\b|\bse\s+van\s+a\s+acordar\s+de\s+mi\b
            |\bque\s+no\s+vengan?\s+(?:a\s+(?:trabajar|clase|la\s+escuela|el\s+colegio)|manana)
            |\b(?:con|llevo|traigo|llevar|traer)\s+(?:la|una|el|un|mi)\s+(?:escopeta|pistola|arma
            |rifle|machete|revolver)\b|\b(?:llevo|traigo)\s+(?:la|una|el|un|mi)\s+(?:navaja|cuchillo)
            \s+(?:en|conmigo)|\b(?:lo|la)\s+voy\s+a\s+picar\b
            |\b(?:compre|tengo|consegui|me\s+compre)\s+(?:una?\s+)?(?:pistola|arma|escopeta|rifle
            |revolver)\b|\b(?:ya\s+)?esta\s+cargad[ao]\b
            |\b(?:tengo|tiene|traigo)\s+(?:el|la|un|una|mi)\s+(?:machete|pistola|cuchillo|arma
            |escopeta|navaja)\s+(?:list[oa]|cargad[oa]|preparad[oa]|afilad[oa])
            |\bvoces\s+me\s+(?:dicen|piden|ordenan|gritan)\s+que\s+[^.!?\n]{0,30}(?:lastim|mat|dano
            |pegar|atac|envenen)
            |\bme\s+dicen\s+que\s+(?:tengo\s+que\s+|debo\s+)(?:lastimar|matar|hacer\s+dano|pegar)
            |\b(?:taparle|tapar|cubrirle|ponerle)\s+(?:la\s+cara|la\s+boca)\s+con\s+(?:la|una)
            \s+(?:almohada|cobija|manta)
            |\b(?:lastimar|matar|pegar)\s+a\s+mi\s+(?:bebe|hij[oa]|vecin[oa]|madre|padre|pareja
            |espos[oa])"""
        ),
    ),
    Rule(
        "danger_at_hand",
        "danger_now",
        HIGH,
        _rx(
            r"""\b(?:says|said|told\s+me|threaten\w*|swore)\s+(?:that\s+)?if\s+[^.!?\n]{0,30}?
            (?:he|she|they)(?:'ll|\s+will|'d|\s+would|\s+is\s+going\s+to)\s+(?:kill|hurt|shoot
            |stab)\s+(?:me|us|the\s+kids)
            |\b(?:locked|hiding|hid|barricaded)\s+(?:myself\s+|ourselves\s+|us\s+)?in\s+(?:the\s+|my\s+
            |a\s+)?(?:bathroom|bedroom|room|closet|car|toilet|wardrobe)
            |\bwon'?t\s+let\s+me\s+(?:leave|out|go)\b
            |\b(?:me|nos)\s+encerr\w*\s+en\b|\bno\s+(?:me|nos)\s+deja\s+(?:salir|irme|ir)\b
            |\b(?:brought|have|got|bringing)\s+(?:the|a|my)\s+(?:rope|pills|razor|blade|gun)
            (?:\s+with\s+me)?(?=\s*(?:[.!,;]|$))
            |\b(?:haven'?t|have\s+not)\s+done\s+(?:anything|it)\s+yet\b
            |\b(?:dijo|dice|amenazo|amenaza)\s+(?:con\s+)?que\s+(?:si\s+[^.!?\n]{0,30}?\s+)?me
            \s+(?:mata|matara|va\s+a\s+matar|mataria)
            |\b(?:tiene|trae|saco|agarro|lleva)\s+(?:un|una|el|la)\s+(?:arma|pistola|cuchillo
            |escopeta|machete|navaja|rifle)
            |\best(?:a|an)\s+amenazando\b|\bahora\s+mismo\b[^.!?\n]{0,40}(?:cuchillo|arma|pistola
            |amenaz)
            |\bse\s+llevo\s+a\s+(?:la\s+nina|el\s+nino|los\s+ninos|mi\s+hij[oa]|mis\s+hij[oa]s)
            |\bno\s+(?:la|lo|los|las)\s+(?:voy|vas|vamos)\s+a\s+volver\s+a\s+ver
            |\b(?:pastillas|pildoras|tablets|pills|meds)\b[^.!?\n]{0,50}\b(?:encima|con\s+(?:el
            |la)\s+(?:alcohol|tequila|vodka|vino|botella)|with\s+(?:a\s+bottle|vodka|wine|whisky
            |alcohol|booze)|on\s+top)
            |\b(?:botella|alcohol|tequila|vodka)\b[^.!?\n]{0,50}\bpastillas
            |\b(?:tome|me\s+tome|trague)\s+(?:unas|varias|un\s+monton)\s+(?:de\s+(?:las|mis|sus)\s+)?(?:\w+\s+)?(?:pastillas
            |pildoras)
            |\b(?:i'?m|im|i\s+am)\s+(?:in|at|on)\s+(?:the\s+)?(?:woods|forest|tracks|cliff|ledge)\b
            |\b(?:drank|drunk|swallowed|downed)\s+(?:the\s+|a\s+|some\s+|half\s+(?:the|a)\s+|a\s+bottle\s+of\s+)?
            (?:mouthwash|hand\s+saniti[sz]er|perfume|nail\s+polish\s+remover|lighter\s+fluid|white\s+spirit
            |bleach|poison|antifreeze|weedkiller|drain\s+cleaner)
            |\b(?:i'?ll|i\s+will|gonna|going\s+to)\s+take\s+(?:the|my|all\s+(?:the|my))\s+(?:tablets|pills|meds)
            \b[^.!?\n]{0,40}\b(?:tonight|be\s+with|and\s+(?:sleep|go|be))
            |\b(?:be\s+with|join)\s+(?:him|her|them)\s+(?:by\s+morning|tonight|by\s+tomorrow)
            |\b(?:compre|tengo|consegui|guarde)\s+(?:la|una)\s+(?:soga|cuerda)\b(?!\s+para)
            |\b(?:i'?m|im|i\s+am)\s+(?:on|at)\s+(?:the\s+)?(?:bridge|roof|edge)(?=\s*(?:[.!,;]|$))
            |\b(?:put|held|pressed|holding)\s+(?:the\s+gun|it|the\s+barrel|the\s+knife|the\s+blade)
            \s+(?:in|to|against)\s+my\s+(?:mouth|head|temple|chest|throat|wrist)
            |\b(?:me\s+l[ao]\s+puse|puse\s+(?:la|el)\s+(?:pistola|arma|cuchillo|navaja))\s+en\s+
            (?:la\s+boca|la\s+cabeza|la\s+sien|el\s+cuello|el\s+pecho)
            |\b(?:saque|agarre)\s+(?:la|el|una?)\s+(?:pistola|escopeta|arma|revolver)
            |\b(?:took|got|pulled)\s+(?:the|my|dad'?s|a)\s+(?:gun|pistol|rifle|shotgun)\s+out
            |\b(?:drank|drunk|finished|downed)\s+(?:a|the)\s+whole\s+bottle\b(?!\s+of\s+(?:water
            |juice|milk|squash|coke|pop))
            |\bcan'?t\s+(?:really\s+)?feel\s+my\s+(?:hands|legs|arms|face|body|feet)
            |\b(?:can'?t|cant|cannot)\s+talk\b[^.!?\n]{0,20}\b(?:he|she|they)(?:'s|\s+is)?\s+
            (?:checks|here|listening|watching|reads|home)
            |\b(?:go|going|leave|leaving|check|checking|bow|bowing)\s+out\s+on\s+my\s+own\s+terms
            |\b(?:already\s+)?(?:picked|chosen|chose|scouted)\s+(?:out\s+)?(?:the|a|my)\s+(?:spot
            |place|method)\b
            |\btrains?\s+(?:that\s+)?(?:don'?t|doesn'?t|do\s+not|won'?t)\s+stop\b
            |\btren\w*\s+que\s+no\s+(?:para|paran|se\s+detiene)\b
            |\b(?:putting|put|setting|set|keeping)\s+(?:my\s+|the\s+)?(?:\w+\s+)?(?:pills|tablets|meds)
            \s+aside|\baccumulat\w*\s+(?:rather\s+)?(?:a\s+)?(?:number|lot|stash|supply|pills
            |tablets)"""
        ),
        names_writer=True,
    ),
    Rule(
        "means_gathered_or_taken",
        "plan",
        HIGH,
        _rx(
            r"""\btook\s+(?:\d+|twenty|thirty|forty|fifty|double|triple|all(?:\s+(?:of\s+)?(?:the|my))?
            |a\s+few|half\s+(?:the|a)\s+(?:box|bottle|pack|packet))\s+(?:of\s+)?(?:the\s+|my\s+)?
            (?:\w+\s+)?(?:pills|tablets|meds|morphine|librium|\w+(?:ol|am|ine|in|one|ium|pam|lam
            |done|codone|pentin|lol))\b(?!\s+(?:as\s+prescribed|like\s+i\s+was))
            |\b\d+\s+(?:\w+pam|\w+(?:ol|one|ine)|pills|tablets|paracetamol|diazepam|oxycodone)\b
            [^.!?\n]{0,30}\b(?:in\s+my|hidden|counted|saved|stashed)
            |\bcounted\s+(?:them|the\s+(?:pills|tablets)|my\s+(?:pills|tablets))\b
            |\bkept\s+back\s+(?:the|my|some)\s+\w+|\bhow\s+many\s+(?:paracetamol|tylenol|pills|tablets
            |ibuprofen|aspirin|sleeping\s+pills)\b(?![^.!?\n]{0,20}\bsafe)
            |\b(?:from|at)\s+(?:\d+|two|three|four|five|different|several|multiple)\s+(?:different\s+)?
            (?:shops|pharmacies|chemists|stores)|\bso\s+no\s+(?:pharmacist|chemist|one)\s+would
            \s+(?:flag|notice)
            |\b(?:ordered|bought|got)\s+(?:the|a)\s+kit\b|\bit'?s\s+not\s+for\s+(?:balloons|a\s+party
            |the\s+party|camping|self[\s-]defen[cs]e)|\bno\s+es\s+para\s+defenderme
            |\bthat'?s\s+my\s+plan\b|\bmy\s+plan\s+for\s+(?:the\s+weekend|tonight|friday|saturday)
            |\b(?:looked\s+(?:at|into)|considering|thought\s+about)\s+(?:switzerland|dignitas)
            |\bcheaper\s+ways\b|\b(?:life\s+insurance|seguro\s+de\s+vida)\b[^.?]{0,60}(?:pay\s*out
            |pays?\b|paga|cubre|cover)
            |\b(?:box|bag|handful)\s+of\s+(?:cartridges|bullets|shells|ammo)|\bcaja\s+de\s+balas
            |\b(?:clean|load|polish)\w*\s+(?:the|his|her|my|a)\s+(?:gun|rifle|shotgun|pistol)
            |\b(?:tome|me\s+he\s+tomado|he\s+tomado|me\s+tome)\s+(?:un|una|el|la)\s+(?:bote|frasco|caja
            |blister|paquete|tira)\s+(?:enter[oa]\s+|complet[oa]\s+)?de\s+\w+"""
        ),
        names_writer=True,
    ),
    Rule(
        "more_harm_and_goodbyes",
        "self_harm",
        MODERATE,
        _rx(
            r"""\b(?:put|held|press\w*|dig|dug|digging|snap\w*)\b[^.!?\n]{0,40}\bon\s+purpose
            |\bbroke\s+the\s+skin|\b(?:dig|dug|digging|press\w*|stab\w*)\s+(?:my\s+|a\s+|the\s+)?
            (?:compass|nails?|pen|pencil|scissors|blade|pin|needle)\s+into\s+my
            |\bcut\s+on\s+my\s+(?:chest|arm|arms|leg|legs|thigh|thighs|stomach|hip|hips)\b(?!\s+from)
            |\bbarcode\b|\bnew\s+marks\b|\bmade\s+myself\s+(?:sick|throw\s+up|bleed)
            |\bas\s+(?:a\s+)?punishment\b|\bearns?\s+(?:a\s+|me\s+a\s+)?punishment
            |\bno\s+(?:food|water|eating|drinking)\s+(?:tomorrow|today|until|for)\b
            |\bday\s+\d+\s+(?:no|without)\s+(?:food|eating)
            |\bbloody\s+(?:tissues|plasters|towels|sheets)|\b(?:sangre|vendas)\s+en\s+(?:las|la|el)
            \s+(?:sabanas|basura|bano)
            |\bgave\s+the\s+(?:dog|cat|pets?)\s+(?:away|to)|\bsigned\s+(?:the|my)\s+\w+\s+over\b
            |\bnothing\s+left\s+for\s+me\s+to\s+do|\bg(?:ave|iving|ive|iven)\s+away\s+my\s+\w+(?:\s+\w+)?,\s+my
            |\bfinal\s+chapter\b|\bwriting\s+my\s+(?:note|letter)\b|\bya\s+escribi\s+la\s+carta
            |\bdeje\s+la\s+carta|\bla\s+carta\b[^.!?\n]{0,20}\bdeje\b
            |\bscheduled\s+(?:it|an?\s+\w+|the\s+\w+)\s+to\s+send\b
            |\bcancel\w*\s+(?:all\s+)?my\s+(?:subscriptions|accounts|phone\s+contract)
            |\b(?:probably|maybe)\s+my\s+last\s+(?:one|session)|\bthanks?\s+(?:you\s+)?for\s+trying
            |\bdon'?t\s+think\s+i'?m\s+going\s+to\s+need\s+it
            |\b(?:ya\s+)?(?:elegi|escogi)\s+(?:el|la)\s+(?:dia|fecha)\b|\b(?:picked|chose|chosen|set)
            \s+(?:a|the)\s+(?:date|day)\b(?!\s+for)|\bctb\b
            |\bhow\s+(?:this|it)\s+ends\s+for\s+(?:us|me|guys\s+like\s+me|people\s+like\s+me)
            |\b(?:mejor|ojala)\s+me\s+hubiera(?:n)?\s+(?:matado|muerto)
            |\bno\s+dejo\s+de\s+mirar\s+(?:la\s+ventana|el\s+vacio|las\s+vias|abajo)
            |\bcan'?t\s+stop\s+looking\s+(?:at\s+)?(?:the\s+window|down|over\s+the\s+edge)
            |\bactually\s+tried\b|\badios\s+mundo|\bgoodbye\s+cruel\s+world
            |\bg(?:ave|iving|ive|iven)\s+away\s+my\s+\w+(?:\s+\w+)?\s+and\s+my\b
            |\bsaid\s+what\s+needed\s+(?:saying|to\s+be\s+said)|\bmade\s+the\s+rounds\b
            |\b(?:tell\s+them\s+to|can\s+you)\s+check\s+(?:on\s+)?(?:the|my)\s+(?:flat|house|room|apartment)\b
            |\bno\s+puedo\s+dejar\s+de\s+pensar\s+en\s+(?:el\s+puente|las\s+vias|la\s+azotea|saltar
            |tirarme|la\s+soga)|\bcan'?t\s+stop\s+thinking\s+about\s+(?:the\s+bridge|the\s+tracks|jumping)
            |\bya\s+se\s+(?:cual|donde|como|cuando)\s*(?:[.!]|$)
            |\b(?:asked|got)\s+(?:\w+\s+){0,3}for\s+the\s+(?:gun|rifle|shotgun|pills)\s+back
            |\bnot\s+(?:really\s+)?going\s+hunting
            |\b(?:go|going|be)\s+(?:to|with)\s+(?:her|his|my)\s+\w+\s+in\s+heaven\s+soon"""
        ),
        names_writer=True,
    ),
    Rule(
        "danger_reported",
        "danger_now",
        HIGH,
        _rx(
            r"""\b(?:hay|there'?s)\s+(?:un|a)\s+(?:hombre|tipo|senor|man|guy|someone)\s+(?:afuera|outside)
            |\b(?:lo|la|los|las|te)\s+mato\b(?!\s+de\s+(?:risa|hambre))
            |\bno\s+respondo\s+de\s+(?:lo\s+que\s+haga|mi)|\b(?:can'?t|won'?t)\s+be\s+(?:held\s+)?
            responsible\s+for\s+what\s+i\s+do
            |\b(?:dijo|dice|amenazo)\s+que\s+si\s+[^.!?\n]{0,40}?\s+me\s+(?:mata|matara|quema|pega
            |corta|va\s+a\s+\w+|quita)
            |\bviene\s+por\s+mi\b|\bcoming\s+(?:for|after)\s+me\b
            |\b(?:see|seeing|can\s+see)\s+(?:bugs|spiders|insects)\b
            |\b(?:got|have|has)\s+me\s+locked\s+in\b|\b(?:they|he|she)(?:'ll|\s+will|'re\s+going\s+to
            |\s+(?:is|are)\s+going\s+to)\s+set\s+(?:it|me|us|the\s+\w+)\s+on\s+fire
            |\b(?:me|nos)\s+encerr\w*\b(?!\s+a\s+(?:ver|leer|estudiar|dormir|trabajar))
            |\b(?:dijo|dice)\s+que\s+se\s+va\s+a\s+(?:matar|suicidar|tirar|colgar)
            |\b(?:said|says)\s+(?:that\s+)?(?:he|she|they)(?:'s|\s+is|\s+are|'re)?\s+(?:going\s+to
            |gonna)\s+kill\s+(?:himself|herself|themselves)|\bkill\s+(?:himself|herself|themselves)
            \b(?=[^.!?\n]{0,40}(?:not\s+answering|no\s+contesta|se\s+fue|and\s+left|(?:has|is)\s+gone))
            |\b(?:man|guy|senor|hombre|adult)\s+(?:she|he|que)\s+(?:met|conocio)\s+(?:online|por
            \s+internet)|\b(?:se\s+fue|went\s+off|got\s+in\s+a\s+car)\s+con\s+un\s+senor
            |\bgot\s+in\s+a\s+car\s+with\s+a\s+\d+
            |\bgiving\s+(?:her|his|their)\s+(?:stuff|things)\s+away|\bsaid\s+goodbye\s+to\s+the
            \s+(?:dog|cat)|\bcomo\s+despidiendose\b|\bregalo\s+su\s+\w+
            |\blearn\s+a\s+lesson\b|\b(?:le|les)\s+va\s+a\s+salir\s+caro
            |\bse\s+a\s+que\s+hora\s+sale\b|\bi\s+know\s+(?:what\s+time|when)\s+(?:she|he|they)
            \s+(?:leaves|gets\s+off|finishes)|\bse\s+va(?:n)?\s+a\s+acordar\s+de\s+mi
            |\bno\s+sabe\s+con\s+quien\s+se\s+meti
            |\b(?:he|she)\s+(?:has|took|taken|'s\s+got)\s+my\s+phone\b|\b(?:he|she)\s+said\s+(?:tonight\s+)?
            (?:he|she)(?:'ll|\s+will|'s\s+going\s+to)?\s+(?:finish|end)(?:es)?\s+(?:it|me|this)\b
            |\bwho\s+(?:can|do|should)\s+i\s+call\s+right\s+now|\bstill\s+in\s+the\s+room\s+with\s+(?:her|him)
            |\bdr(?:ove|iving|ive)\b[^.!?\n]{0,40}\b(?:lights\s+off|over\s+the\s+limit|eyes\s+closed)
            |\bdo\s+what\s+we\s+(?:said|agreed|planned)\b|\b(?:the\s+)?(?:word|code|signal)\s+we\s+agreed
            |\bpalabra\s+que\s+acordamos|\bsit\s+in\s+on\s+my\s+sessions
            |\b(?:el|he)\s+(?:dice|says)\s+(?:que\s+)?(?:ya\s+)?(?:no\s+necesito|i\s+don'?t\s+need)\s+
            (?:terapia|therapy)|\bno\s+(?:me|nos)\s+dejan\s+(?:salir|irme|ir|llamar)
            |\bme\s+quitaron\s+el\s+telefono|\bstopped\s+eating\b"""
        ),
        idiom_after=_rx(
            r"""[^.!?\n]{0,60}(?:jaja|jeje|\U0001F602|\U0001F923|\blol\b|pero\s+bueno|bueno,?\s+no
            |por\s+(?:comerse|gastarse|robarme))"""
        ),
        idiom_before=_rx(r"estoy\s+que\s+$"),
    ),
    # --- Families from three more authors (crisis and substance use, Spanish from many
    # countries, hard negatives): what their first look missed, as verbs and objects in
    # both languages, never one sentence.
    Rule(
        "danger_signs_now",
        "danger_now",
        HIGH,
        _rx(
            r"""\b(?:not|isn'?t|is\s+not|stopped|barely)\s+breathing\b|\bno\s+(?:esta\s+)?respira(?:ndo)?\b
            |\bcan'?t\s+wake\s+(?:him|her|them|my)\b|\bwon'?t\s+wake\s+up\b|\bno\s+(?:se\s+)?despierta\b
            |\b(?:lips|labios)\s+(?:are\s+|feel\s+|look\s+|turning\s+|se\s+(?:ven|sienten|pusieron)\s+
            |estan\s+|)(?:blue|purple|grey|gray|weird|numb|morados|azules|raros)\b
            |\bmuy\s+dormid[oa]\b|\bpecho\s+apreta\w*
            |\b(?:guys|men|workers|people|of\s+us|compas|companeros)\s+(?:already\s+|ya\s+)?(?:collapsed
            |se\s+desmayaron)|\bse\s+desmay(?:o|aron)\b
            |\bcan'?t\s+stand\s+up\b(?!\s+(?:to|for|straight))|\bno\s+(?:me\s+)?puedo\s+(?:levantar|parar)
            \s+del?\s+(?:suelo|piso)
            |\b(?:did|took|snorted|finished|me\s+meti|me\s+tome|se\s+metio|se\s+tomo)\s+(?:the\s+whole
            |all\s+the|toda\s+la|todo\s+el)\s+(?:bag|baggie|gram|funda|bolsa|bolsita|gramo|paquete|bottle
            |frasco|jarabe)
            |\b(?:got\s+into|drank|swallowed|ate)\s+(?:the|some|a|his|her)\s+(?:\w+\s+)?(?:pesticide
            |bleach|poison|detergent|antifreeze|cleaner|pods?)\b
            |\bse\s+(?:tomo|trago|bebio|comio)\s+(?:un|una|el|la|unas|unos)\s+(?:\w+\s+)?(?:jarabe|pastillas
            |veneno|cloro|pesticida|medicina|pastilla|detergente)
            |\btook\b[^\n]{0,60}\bstopped\s+counting\b
            |\b(?:threatened|threatening|threatens|amenazo|amenaza|amenazando)\s+(?:to|con)\s+(?:jump
            |kill\s+(?:himself|herself|themself)|overdose|hang|tirarse|matarse|suicidarse|colgarse
            |cortarse)\b[^\n]{0,60}\b(?:right\s+now|now|tonight|ahora|esta\s+noche)\b
            |\b(?:she|he|they)\s+(?:has|have|had)\s+a\s+plan\s+to\s+(?:kill|end|hurt)
            |\btiene\s+un\s+plan\s+para\s+(?:matarse|suicidarse|quitarse)
            |\b(?:boyfriend|husband|stepdad|stepfather|partner|dad|father|uncle|novio|esposo|padrastro
            |marido|pareja|tio)\b[^.!?\n]{0,20}\b(?:hits|beats|chokes|le\s+pega|les\s+pega|golpea|ahorca)
            \s+(?:my|a\s+mi|mi)?\s*(?:little\s+|younger\s+)?(?:brother|sister|mum|mom|son|daughter|kids
            |hermanit[oa]|herman[oa]|mama|hij[oa]s?)
            |\b(?:sola?|solit[oa])\s+en\s+(?:la\s+)?casa\s+desde\s+(?:anoche|ayer|hace)
            |\b(?:alone|by\s+(?:him|her)self)\s+(?:at\s+home\s+)?since\s+(?:last\s+night|yesterday)
            |\b(?:nos|los|las)\s+tiene(?:n)?\s+encerrad[oa]s|\b(?:locked|keeps?\s+us)\s+(?:us\s+)?in\s+
            (?:the|a)\s+(?:trailer|room|house|basement)|\bwon'?t\s+let\s+us\s+(?:take\s+water|leave
            |drink|go)
            |\bsin\s+abrir\s+la\s+puerta\b|\bcandado\s+por\s+fuera
            |\bsprayed\s+(?:the\s+field|us|pesticide)[^.!?\n]{0,40}(?:while|we\s+were)
            |\b(?:desierto|desert)\b[^\n]{0,60}\b(?:se\s+acabo\s+el\s+agua|no\s+(?:tenemos|hay)\s+agua
            |out\s+of\s+water|ran\s+out\s+of\s+water)
            |\b(?:empujo|pego|golpeo|tiro|me\s+cai|pushed|hit|fell|knocked)\b[^\n]{0,80}\b(?:no\s+me\s+puedo
            \s+(?:levantar|mover)|can'?t\s+(?:get\s+up|move\s+my))
            |\b(?:had|having|tuve|le\s+dio|me\s+dio)\s+(?:a\s+|una\s+)?(?:seizure|convulsion)|\bbitten\s+tongue
            |\b(?:no\s+ha\s+(?:vuelto|llegado)|hasn'?t\s+(?:come\s+home|come\s+back)|didn'?t\s+come\s+home)\b
            [^\n]{0,40}\b(?:no\s+contesta|not\s+answering|won'?t\s+answer|phone\s+(?:is\s+)?off|apagado)
            |\b(?:tome|me\s+tome|me\s+di|me\s+hice|hice|me\s+meti)\s+una\s+sobredosis"""
        ),
    ),
    # --- Families from two more authors: danger under way to someone else, told by a
    # witness (a beating or strangling in progress, a relative just overdosed and blue,
    # cleaning chemicals drunk, someone's suicidal thoughts told by their partner), and
    # being held in a vehicle, in both languages.
    Rule(
        "danger_to_someone_now",
        "danger_now",
        HIGH,
        _rx(
            r"""\b(?:is|'s|are|keeps|started)\s+(?:hitting|beating|choking|strangling|stabbing
            |attacking|kicking|punching|throttling)\s+(?:up\s+)?(?:my|his|her|their|the)\s+
            (?:\w+\s+)?(?:mum|mom|mother|dad|father|wife|husband|girlfriend|boyfriend|partner
            |sister|brother|kids?|child|children|baby|son|daughter|grandma|gran|grandpa|grandad|aunt
            |uncle|cousin|nephew|niece|friend|roommate|flatmate|neighbou?r)\b
            |\b(?:esta|estan|sigue|siguen)\s+(?:pegando|golpeando|ahorcando|ahogando|apunalando
            |acuchillando|pateando|estrangulando)(?:le|la|lo)?\s+a\s+(?:mi|su|sus|mis|la|el|los|las)\b
            |\ble\s+esta\s+(?:pegando|golpeando|pateando)\s+a\b
            |\b(?:just|has\s+just|has|have)\s+overdosed\b[^.!?\n]{0,40}\b(?:blue|not\s+breathing
            |won'?t\s+wake|unconscious|on\s+the\s+floor)|\b(?:he|she|they)'?s\s+(?:turning\s+)?blue\b
            |\b(?:drank|drink|drunk|swallowed)\s+(?:the|some|a)\s+(?:\w+\s+)?chemicals?\b
            |\btiene\s+(?:pensamientos|ideas)\s+de\s+(?:quitarse\s+la\s+vida|suicidarse|matarse)
            |\b(?:has|is\s+having|having)\s+(?:suicidal\s+)?thoughts\s+(?:of|about)\s+(?:killing
            \s+(?:himself|herself|themselves)|ending\s+(?:his|her|their)\s+life|suicide)
            |\bno\s+me\s+(?:deja|dejan)\s+(?:bajar(?:me)?\b(?!\s+(?:el|la|los|las|un|una|mi|su|de|a))|salir\s+del?\s+(?:auto|carro|coche
            |camioneta|camion|cuarto|habitacion))\b
            |\b(?:won'?t|will\s+not)\s+let\s+me\s+(?:get\s+)?out\s+of\s+(?:the|his|her|their)\s+
            (?:car|van|truck|cab|room)\b
            |\b(?:out\s+)?in\s+the\s+(?:snow|freezing\s+cold)\b[^.!?\n]{0,30}\b(?:t.?shirt|no\s+coat
            |barefoot|locked\s+out)"""
        ),
    ),
    Rule(
        "means_kept_and_endings",
        "plan",
        HIGH,
        _rx(
            r"""\b(?:bought|got|picked\s+up|ordered|buying|compre|consegui|me\s+compre)\s+(?:some\s+
            |a\s+new\s+round\s+of\s+|a\s+(?:new\s+)?|the\s+|more\s+|a\s+box\s+of\s+)?(?:\w+\s+)?(?:poison
            |ammo|ammunition|bullets|rounds|rope|veneno|balas|soga|cuerda|pills|pastillas)\b[^\n]{0,25}?
            \b(?:not\s+for|no\s+es\s+para|no\s+son\s+para)
            |\b(?:the\s+)?same\s+(?:rope|gun|pills|bridge)\s+(?:he|she|they)\s+used
            |\b(?:la\s+)?misma\s+(?:soga|cuerda|pistola|arma)\s+que\s+(?:el|ella|uso|usaron)
            |\bsaved\s+(?:them|it|these)\s+up\b|\b(?:saving|saved|stockpil\w+|hoard\w*|stash\w*
            |collect\w*)\s+(?:up\s+)?(?:my|the|his|her|all\s+my|all\s+the|all\s+(?:his|her))\s+(?:\w+\s+)?
            (?:meds|pills|tablets|medication)
            |\b(?:hold|stop|cancel\w*)\b[^.!?\n]{0,40}\b(?:mail|post|newspaper|milk|deliveries)\b
            [^.!?\n]{0,20}\bindefinitely
            |\b(?:junte|ahorre|acumule|he\s+juntado|he\s+acumulado|he\s+ido\s+juntando|vengo\s+juntando
            |estoy\s+juntando|me\s+junte)\s+(?:las|mis|unas|todas\s+las)\s+(?:\w+\s+)?(?:pastillas
            |pildoras|medicinas|pastis)
            |\blet\s+nature\s+(?:do\s+it|take\s+(?:its|it's)\s+course)|\bque\s+la\s+naturaleza\s+(?:haga
            |siga)
            |\b(?:this|that|it|today)\s+was\s+(?:the|my)\s+last\s+(?:one|session)\s+for\s+me
            |\bfue\s+la\s+ultima\s*(?:[.!]|$)|\bwon'?t\s+need\s+(?:the|another|any\s+more|my|any)\s+
            (?:appointment|session)s?\s+(?:anymore|any\s+more|after)
            |\bno\s+creo\s+que\s+llegue\s+a\s+(?:la\s+proxima|navidad|fin\s+de\s+(?:ano|mes)|manana
            |el\s+\w+)|\bdon'?t\s+think\s+i'?ll\s+(?:make\s+it\s+to|be\s+(?:here|around)\s+(?:for|at
            |by))\s+(?:the\s+next|next|christmas|my\s+birthday)
            |\bya\s+tengo\s+el\s+plan\b|\bno\s+hace\s+falta\s+otra\s+cita
            |\b(?:two|2)[\s-]year\s+(?:suicide\s+)?clause|\bsuicide\s+clause|\bclausula\s+de\s+suicidio
            |\b(?:already|ya)\s+(?:said\s+(?:my\s+)?goodbyes?|me\s+despedi)\s+(?:to|de)\s+(?:my|mi|mis)
            \s+\w+
            |\b(?:gave|given|giving)\s+(?:away\s+)?my\s+(?:xbox|playstation|ps\d|switch|console|guitar
            |games|gaming\s+pc|hoodie|jewel\w*|ring|watch)\s+to|\b(?:le\s+)?regale\s+(?:a\s+\w+\s+
            (?:\w+\s+)?)?(?:mi|mis)\s+(?:sudadera|juegos|consola|guitarra|xbox|play|anillo|reloj|ropa
            |cosas)
            |\bdelet(?:ed|ing)\s+(?:all\s+)?my\s+(?:socials|accounts|social\s+media)|\bborr(?:e|ando)\s+
            (?:todas\s+)?mis\s+(?:redes|cuentas)
            |\b(?:guardian|look\s+after|take\s+care\s+of|gets?|have|keep)\b[^.!?\n]{0,40}\bif\s+anything
            \s+(?:ever\s+)?happens|\bpor\s+si\s+me\s+pasa\s+algo"""
        ),
        names_writer=True,
    ),
    Rule(
        "not_being_here",
        "thoughts",
        MODERATE,
        _rx(
            r"""\b(?:no|single|any|one|only|the\s+last)\s+reason\s+(?:left\s+)?(?:to\s+stay\b(?!\s+(?:at|in
            |with|for|there|home|late|up|over|on|overnight|inside))|i\s+(?:was|am|'m)\s+still\s+here
            |to\s+(?:still\s+)?be\s+here)
            |\bnot\s+planning\s+on\s+(?:being|sticking)\s+(?:here|around)|\bno\s+(?:creo\s+que\s+|pienso\s+)?
            (?:voy\s+a\s+)?(?:estar|seguir)\s+(?:aqui|aca)\s+mucho\s+(?:mas|tiempo)
            |\b(?:razon|motivo)\s+para\s+(?:quedarme|seguir\s+aqui)\b(?!\s+(?:en|con))
            |\bwant(?:ed)?\s+to\s+not\s+exist|\bno\s+quiero\s+existir
            |\b(?:grave|tumba|cemetery|cementerio|ashes|cenizas)\b[^\n]{0,80}?\b(?:(?:see|join)\s+(?:her
            |him|them|you)\s+soon|(?:pronto|muy\s+pronto)\s+nos\s+vemos|nos\s+vemos\s+(?:muy\s+)?pronto
            |pronto\s+estare\s+con)
            |\b(?:died|passed|murio|fallecio|death|funeral|muerte)\b[^\n]{0,60}?\b(?:want\s+to\s+be\s+with
            \s+(?:him|her|them)\b|quiero\s+(?:estar|irme)\s+con\s+(?:el|ella)\b)
            |\bif\s+(?:the\s+plane|a\s+(?:bus|car|truck|train)|the\s+(?:bus|car|train))\s+(?:went\s+down
            |crashed|hit\s+me|hits\s+me)[^.!?\n]{0,40}\b(?:relieved|wouldn'?t\s+mind|be\s+fine|a\s+relief
            |ok\s+with)
            |\bsi\s+me\s+muero\s+nadie\b
            |\b(?:not|no\s+longer|stopped|quit)\s+(?:testing|checking)\s+(?:it|any\s+of\s+it|my\s+stuff
            |what\s+i\s+(?:use|take|buy))|\bno\s+(?:pruebo|reviso)\s+lo\s+que\s+me\s+meto
            |\bif\s+i\s+(?:go|die|od),?\s+i\s+(?:go|die)\b|\bsi\s+me\s+muero,?\s+me\s+muero\b
            |\bsi\s+me\s+toca,?\s+me\s+toca\b
            |\b(?:looking|staring|stare|look)\s+at\s+the\s+(?:balcony|bridge|tracks|window|ledge)\s+(?:more
            |a\s+lot|lately|every)
            |\b(?:reading|read|researching|looking\s+up|looked\s+up|googling|googled)\s+(?:about\s+)?
            (?:methods|how\s+many\s+(?:pills|tablets))|\bbusque\s+cuant[ao]s\s+(?:pastillas|pildoras)
            |\b(?:they|it|that|dying|death|suicide|jumping)\s+(?:feels?|seems?)\s+like\s+(?:an|the\s+only
            |a\s+real)\s+(?:option|way\s+out)|\b(?:morir|matarme|saltar)\s+(?:ya\s+)?(?:parece|se\s+siente)
            \s+(?:una|la\s+unica)\s+(?:opcion|salida)
            |\b(?:feels?|seems?)\s+more\s+final\b|\balgo\s+mas\s+(?:definitivo|permanente)\b
            |\b(?:kill\s+me|i'?m\s+jumping|jump(?:ing)?\s+off|die|dead|morir(?:me)?|matarme|tirarme)\b
            [^\n]{0,80}?\b(?:(?:actually|really)\s+mean\s+it|actually\s+maybe|lo\s+(?:digo|dije)\s+en\s+serio
            |no\s+es\s+broma)"""
        ),
    ),
    Rule(
        "threats_and_commands",
        "harm_to_others",
        HIGH,
        _rx(
            r"""\b(?:put|send)\s+(?:him|her|them|that\s+\w+)\s+in(?:to)?\s+(?:the\s+)?hospital\b
            |\bmandar(?:lo|la|los)?\s+al\s+hospital|\b(?:lo|la|los)\s+(?:voy|vamos)\s+a\s+mandar\s+al
            \s+hospital
            |\b(?:va|van)\s+a\s+(?:aparecer|amanecer)\s+(?:en\s+(?:el\s+cano|una\s+zanja|el\s+rio|una\s+cuneta
            |el\s+monte|una\s+bolsa)|muert[oa]s?|tiesos?)|\b(?:turn|show)\s+up\s+(?:in\s+a\s+ditch|dead
            |in\s+the\s+river)
            |\b(?:is|are|'s|'re)\s+going\s+to\s+(?:find\s+out\s+what\s+happens|have\s+an?\s+accident)
            |\b(?:va|van)\s+a\s+tener\s+un\s+accidente
            |\bdisfrute(?:n)?\s+mientras\s+pueda|\benjoy\s+it\s+while\s+(?:he|she|they|you)\s+can
            |\besto\s+no\s+se\s+(?:queda|va\s+a\s+quedar)\s+asi
            |\bi'?ve\s+been\s+watching\s+(?:when|where|what\s+time)\s+(?:he|she|they)
            |\bdrove\s+past\s+(?:his|her|their)\s+(?:place|house|flat|work)\s+(?:twice|again|every|\w+\s+times)
            |\b(?:no\s+vayan|don'?t\s+go|no\s+vengan|stay\s+home)\s+(?:a\s+la\s+escuela|al\s+colegio
            |to\s+school|from\s+school)\s+(?:manana|tomorrow)|\bmanana\s+no\s+(?:vayan|vengan)\s+a\s+
            (?:la\s+escuela|el\s+colegio|clase)
            |\b(?:gun|pistola|arma)\b[^.!?\n]{0,40}\b(?:showing\s+up|show\s+up|coming)\s+(?:at|to)\s+
            (?:school|work)|\b(?:tomorrow|manana)\s+(?:he'?s|she'?s|they'?re)\s+(?:showing|coming)\s+
            (?:up\s+)?(?:at|to)\s+school
            |\b(?:running|run|ran)\s+(?:\w+\s+){1,4}over\s+with\s+(?:the|my)\s+(?:car|truck)
            |\b(?:voices?|la\s+voz|las\s+voces)\b[^.!?\n]{0,12}\b(?:say|says|said|tell|tells|told|ordena
            |ordenan|dice|dicen|piden?)\b[^.!?\n]{0,60}\b(?:kill|hurt|burn|cut|stab|die|dealt\s+with|knife
            |mate|matar|maten|lastim\w*|quem\w*|cuchillo)
            |\bthey\s+(?:tell|told|keep\s+telling)\s+me\s+to\s+(?:burn|hurt|cut|kill|stab)\b
            |\bbebe\b[^.!?\n]{0,60}\blo\s+sacudi\b|\b(?:lo|la)\s+sacudi\b[^.!?\n]{0,30}\bllorar
            |\bshook\s+(?:the|my)\s+baby|\bmiedo\s+de\s+hacer\s+algo\s+peor
            |\bscared\s+i'?ll\s+do\s+something\s+worse"""
        ),
    ),
    Rule(
        "self_harm_more",
        "self_harm",
        MODERATE,
        _rx(
            r"""\b(?:pense|pensando|pienso|penso)\s+en\s+(?:estrellar|chocar|aventar|tirar)\s+(?:el|mi)\s+
            (?:carro|coche|auto|camion|troca)|\bthought\s+(?:about|of)\s+(?:crashing|driving|steering
            |swerving)\s+(?:the|my)\s+(?:car|truck)\s+into
            |\b(?:sentad[oa]|me\s+siento|estoy|sitting|sat|i'?m)\s+(?:en|on)\s+(?:la\s+orilla|el\s+borde
            |the\s+edge|the\s+ledge)\s+(?:de(?:l|\s+la)?|of)\s+(?:the\s+|my\s+)?(?:azotea|puente|techo
            |edificio|balcon|terraza|roof|bridge|building|balcony|cliff)
            |\b(?:no\s+(?:comi|como)|skip(?:ped)?\s+(?:food|meals|eating|dinner|lunch)|sin\s+comer)\b[^\n]{0,60}
            \b(?:punishment|castigo|me\s+lo\s+gane|me\s+lo\s+merezco|i\s+deserve|deserved)
            |\b(?:me\s+)?arranco\s+(?:el\s+)?pelo|\bpull(?:ing|ed)?\s+(?:out\s+)?my\s+hair\s+(?:out|until)
            |\b(?:nuevas|new)\s+(?:cicatrices|cortes|heridas|scars|cuts)|\btengo\s+(?:cortes|heridas
            |cicatrices)\s+nuev[oa]s|\b(?:cicatrices|cortes|marcas)\b[^.!?\n]{0,40}\btengo\s+nuevas\b
            |\bused\s+(?:the|a|my)\s+(?:compass|blade|razor|sharpener|scissors|pin)\b[^\n]{0,60}
            \b(?:helped|it\s+helps|on\s+my)
            |\b(?:old\s+habit|relapsed|slipped\s+up)\b[^\n]{0,40}\b(?:covered|sleeves|bandage|plaster)
            |\b(?:tequila|vodka|whisky|alcohol|botella|bottle)\b[^\n]{0,40}\b(?:de\s+(?:las\s+)?de\s+dormir
            |pastillas\s+(?:de|para)\s+dormir|sleeping\s+pills)
            |\bno\s+me\s+merezco\s+comer|\bi\s+don'?t\s+deserve\s+(?:to\s+eat|food)
            |\bme\s+kort\w*|\b(?:me\s+)?(?:he\s+)?(?:vuelto\s+a\s+)?hac(?:er|erme|e|ia|iendo)\s+cortes\b
            |\bme\s+(?:hice|hago|hacia)\s+cortes
            |\bi(?:'ve|\s+have)?\s+decided\b[^\n]{0,80}\bi'?m\s+(?:done|out|going)\b
            |\bya\s+(?:lo\s+)?decidi\b[^\n]{0,80}\b(?:me\s+voy|se\s+acabo|lo\s+hago|ya\s+no\s+sigo)"""
        ),
        names_writer=True,
    ),
    # --- Families from two more authors (danger under way, seen or reported; harm to
    # others threatened or feared; self-harm told sideways): kinds of statement, as verbs
    # and objects in both languages, never one sentence.
    Rule(
        "danger_under_way",
        "danger_now",
        HIGH,
        _rx(
            r"""\bse\s+(?:tomo|trago|bebio|comio)\s+(?:(?:un|una|el|la|unas|unos|todo|toda|todas
            |todos|sus|mis)\s+)?(?:\w+\s+)?(?:veneno|raticida|cloro|lejia|lavandina|pesticida
            |insecticida|matarratas)
            |\b(?:someone|somebody|a\s+(?:man|guy)|he|she|they|un\s+(?:hombre|tipo|senor)|alguien)\b
            [^.!?\n]{0,25}\b(?:trying\s+to\s+(?:get|break|come|force\s+(?:his|her|their)\s+way)\s+in
            |(?:tratando|intentando|queriendo)\s+(?:de\s+)?(?:entrar|meterse|forzar|abrir\s+la\s+puerta))
            |\b(?:put|slipped|puso|echo|metio|pusieron|echaron)\s+(?:something|algo|una?\s+\w+)\s+(?:in|into
            |en)\s+(?:my|mi|el|la|su|her|his)\s+(?:drink|trago|bebida|vaso|copa|cerveza|cup)
            |\bspiked\s+(?:my|her|his)\s+drink|\bdrugged\s+(?:me|her|him)\b|\bme\s+drogaron\b
            |\b(?:drove|driving|drives|drive|manejando|conduciendo|maneja|conduce|manejo)\b
            [^.!?\n]{0,40}\b(?:drunk|high|wasted|borrach[oa]|drogad[oa]|tomad[oa]|bebid[oa]|pasad[oa])\b
            |\b(?:drunk|high|wasted|borrach[oa]|drogad[oa])\b[^.!?\n]{0,20}\b(?:y\s+)?(?:manejando
            |conduciendo|behind\s+the\s+wheel|driving)\b
            |\b(?:dejo|dejaron|ha\s+dejado|left)\s+(?:a\s+)?(?:los|las|the|his|her|their|my|mis|sus|a)
            \s+(?:[\w-]+\s+){0,2}(?:ninos|ninas|nino|nina|hijos|hij[oa]|kids?|children|baby|bebe|toddler
            |old)\s+(?:sol[oa]s?|alone|by\s+themselves)
            |\b(?:me\s+(?:viene|esta|anda|va)\s+siguiendo|(?:is|are|he'?s|she'?s|they'?re|keeps?|been)\s+
            (?:following|circling|stalking|tailing)\s+me)\b(?!\s+(?:on|en)\s+(?:insta\w*|twitter|tiktok|x|redes|social))
            |\b(?:dijo|dice|grito|amenazo|escribio)\s+que\s+(?:hoy|esta\s+noche|ahorita|ahora)?\s*
            (?:me|nos)\s+(?:mata|matara|va\s+a\s+matar)\b
            |\b(?:hay|sale|salio|esta\s+saliendo|perdiendo|perdi)\s+mucha\s+sangre
            |\blosing\s+(?:a\s+lot\s+of|so\s+much|too\s+much)\s+blood\b
            |\bmotor\s+(?:prendi?do|prendio|encendi?do|encendio|andando|en\s+marcha)\b[^.!?\n]{0,40}
            \b(?:garaje|cochera)
            |\b(?:garaje|cochera)\b[^.!?\n]{0,40}\bmotor\s+(?:prendi?do|prendio|encendi?do|encendio
            |andando|en\s+marcha)
            |\b(?:been\s+)?left\s+(?:alone|on\s+their\s+own|by\s+themselves)\s+(?:for|since)\s+(?:\d+|two
            |three|four|a\s+few|several|days|last|yesterday)|\bsol[oa]s\s+desde\s+(?:el|hace|anoche|ayer)
            |\bif\s+you\s+don'?t\s+hear\s+from\s+me\b|\bsi\s+(?:a\s+las\s+\w+\s+)?no\s+(?:sabes|tienes|recibes)
            \s+nada\s+de\s+mi|\b(?:do|haz|haga|hagas)\s+(?:what|lo\s+que)\s+(?:we\s+)?(?:talked\s+about
            |discussed|hablamos|acordamos|quedamos)
            |\b(?:he'?s|she'?s|he\s+is|she\s+is|they'?re|esta\s+aqui|ha\s+llegado|llego)\b[^\n]{0,25}
            \b(?:can'?t|cannot|no\s+puedo)\s+(?:talk|hablar)\b
            |\bpretend\s+(?:to\s+be|you'?re)\s+(?:the|my|a)\s+\w+[^\n]{0,30}\bnot\s+safe
            |\b(?:did|took|used|snorted|done)\s+(?:the\s+rest\s+of\s+(?:what\s+i\s+had|it|them|my\s+\w+)
            |all\s+of\s+what\s+i\s+had)
            |\b(?:me\s+)?(?:he\s+)?tom(?:e|ado)\s+(?:unas?\s+|como\s+)?(?:\d+|veinte|treinta|cuarenta
            |cincuenta|cien)\s+de\s+(?:las\s+(?:de|para)\s+dormir|mis\s+pastillas|esas|las\s+\w+)
            |\bpassat\s+amb\s+les\s+pastilles|\bme\s+pase\s+con\s+las\s+pastillas|\boverdid\s+(?:it\s+with\s+)?
            (?:the|my)\s+(?:pills|meds|tablets)
            |\b(?:nearly|almost)\s+(?:passed\s+out|fainted|blacked\s+out)\b(?![^.!?\n]{0,20}laugh)
            |\bcasi\s+me\s+desmay\w*
            |\bestoy\s+en\s+(?:el\s+|la\s+)?(?:bano|tina|banera|carro|coche|bosque)\s+con\s+(?:la|el
            |una|un|mi|mis|las|los)\s+(?:gillette|navaja|cuchilla|cuchillo|soga|cuerda|pastillas|pistola
            |rastrillo)"""
        ),
        idiom_after=_rx(
            r"""[^.!?\n]{0,40}(?:\blol\b|jaja|\U0001F602|course|curso|class|clase|awareness
            |campaign|campana|video|movie|pelicula|serie|show)"""
        ),
    ),
    Rule(
        "harm_to_others_feared",
        "harm_to_others",
        HIGH,
        _rx(
            r"""\b(?:ganas|impulsos?|pensamientos?|miedo)\s+de\s+(?:ahorcar|matar|ahogar|estrangular
            |golpear|lastimar|sacudir|aventar|apunalar|asfixiar|pegarle|hacerle\s+dano)\s+(?:al?\s+)?
            (?:(?:mi|mis|los|las|la|el)\s+)?(?:bebe|nin[oa]s?|hij[oa]s?|esposa|esposo|pareja|mama|papa
            |hermanit[oa]s?|chiquit[oa]s?)\b
            |\b(?:va|voy|vas|van|quiere|quiero|amenaza\w*\s+con)\s+(?:a\s+)?(?:quemar|incendiar
            |prenderle\s+fuego\s+a)\s+(?:la|el|su|mi|tu)\s+(?:casa|carro|coche|escuela|trabajo|depa
            |departamento|negocio)
            |\b(?:going\s+to|gonna|'ll|will|wants?\s+to|threaten\w*\s+to)\s+(?:burn|torch|set\s+fire
            \s+to)\s+(?:down\s+)?(?:the|his|her|their|our|my|your)\s+(?:house|place|car|school|flat
            |apartment|office)
            |\bput\s+(?:him|her|them|you)\s+in\s+(?:the|a)\s+(?:ground|grave|ditch)
            |\bsleep\s+with\s+one\s+eye\s+open
            |\bwon'?t\s+(?:see|live\s+to\s+see|make\s+it\s+to)\s+(?:christmas|new\s+year|(?:his|her
            |their)\s+(?:next\s+)?birthday|the\s+weekend)
            |\b(?:meterlo|meterla|enterrarlo|enterrarla)\s+bajo\s+tierra
            |\bintend\w*\s+to\s+(?:physically\s+)?(?:harm|hurt|kill|attack|assault)
            |\b(?:tengo\s+la\s+)?intencion\s+de\s+(?:hacerle\s+dano|lastimar|matar|agredir)
            |\bbetter\s+watch\s+(?:him|her|them|your)\s*(?:self|selves|back)
            |\b(?:que|mejor)\s+(?:vaya|valla|se\s+ande|ande)\s+con\s+cuidado
            |\b(?:been\s+)?waiting\s+(?:a\s+long\s+time|years|so\s+long)\s+for\s+this
            |\bllevo\s+(?:mucho\s+tiempo|anos)\s+esperando\s+esto
            |\bi\s+know\s+where\s+(?:he|she|they|you)\s+lives?\b|\b(?:conozco|se)\s+(?:su|donde)\s+
            (?:domicilio|vive|casa)
            |\bresolver\w*\s+(?:nuestra|la|esta|esa)\s+(?:disputa|diferencia|asunto|cuenta)\s+personalmente
            |\bsettle\s+(?:this|it|our\s+\w+)\s+(?:personally|in\s+person)
            |\b(?:pictures?|images?|thoughts?|urges?)\s+of\s+(?:dropping|hurting|drowning|stabbing
            |smothering|shaking|throwing)\s+(?:her|him|the\s+baby|my\s+(?:baby|son|daughter|kids?
            |child|children))\b"""
        ),
        idiom_after=_rx(r"[^.!?\n]{0,40}(?:jaja|jeje|\blol\b|\U0001F602|\U0001F923)"),
    ),
    Rule(
        "self_harm_told_sideways",
        "self_harm",
        MODERATE,
        _rx(
            r"""\b(?:no\s+(?:tenemos|tengo|hay)\s+gato|(?:we|i)\s+don'?t\s+(?:have|own)\s+a\s+cat
            |not\s+a\s+cat)\b|["']cat\s+scratch\w*["']|\bcat\s+scratch\w*["']?\s+again
            |\b(?:band-?aids?|plasters|bandages|gauze|curitas|venditas|vendas|gasas)\b[^.!?\n]{0,20}
            \b(?:running\s+out|ran\s+out|run\s+out|se\s+(?:me\s+)?(?:acabaron|estan\s+acabando
            |acaban))
            |\bse\s+(?:me\s+)?(?:acabaron|estan\s+acabando|acaban)\s+las\s+(?:curitas|venditas|vendas
            |gasas)
            |\b(?:sheets|bedsheets|towels?|sabanas|toallas)\b[^\n]{0,40}\b(?:too\s+much\s+red
            |blood|sangre)\b
            |\b(?:art\s+project|tally\s+marks|lines|rayitas|rayones|rayoncitos)\b["']?\s+(?:on|en)\s+
            (?:my|mis|los|las|el|la|mi)\s+(?:arms?|legs?|wrists?|thighs?|skin|stomach|brazos?|piernas?
            |munecas?|muslos?|panza)
            |\b(?:arms?|legs?|wrists?|thighs?|stomach|brazos|piernas|munecas|muslos)\s+(?:are\s+|is\s+
            |estan\s+)?(?:llen[oa]s|cubiert[oa]s|covered|full)\s+(?:de|in|of|with)\s+(?:\w+\s+)?(?:marcas
            |cortes|rayas|rayitas|rayones|rasgunos|heridas|quemaduras|cuts|marks|lines|scratches
            |burns)
            |\bme\s+(?:hice|hago|estoy\s+haciendo|volvi\s+a\s+hacer)\s+(?:unos?\s+|unas?\s+|mas\s+
            |otros?\s+|otras?\s+)?(?:rayo\w*|rayas|rayitas|rasgu\w*|cortecitos|cortadas)
            |\b(?:went\s+back\s+to|back\s+to|used)\s+the\s+(?:old|other)\s+(?:way|(?:coping\s+)?method
            |habit|coping)|\b(?:forma|manera)\s+de\s+(?:aguantar|sobrellevar\w*|calmarme)[^.!?\n]{0,15}
            \bde\s+antes
            |\blo\s+de\s+(?:las?\s+|los?\s+)?(?:tijeras|cuchillas?|navajas?|gillette|cortes|blades?
            |scissors)
            |\b(?:sleeves|mangas)\s+(?:are\s+covering|cover(?:ing)?|lo\s+tapan|la\s+tapan|tapan)\b
            |\bme\s+(?:volvi\s+a\s+|he\s+vuelto\s+a\s+)?marc(?:o|ar|ando|ado)\s+(?:la\s+piel|los\s+brazos
            |las\s+piernas)|\bme\s+volvi\s+a\s+marcar
            |\bhasta\s+(?:sangrar|hacerme\s+sangre)|\buntil\s+(?:it\s+|i\s+)?(?:bled|was\s+bleeding)
            |\bquer[ií]a\s+que\s+(?:me\s+)?doliera|\bwanted\s+it\s+to\s+hurt
            |\bme\s+(?:he\s+)?(?:di|dado|doy|daba)\s+(?:golpes|cabezazos|punetazos)\s+(?:contra|en)
            |\blet\s+(?:the\s+)?(?:bad\s+)?blood\s+out\b
            |\b(?:had|have|need(?:ed)?)\s+to\s+(?:undo|burn\s+(?:it|that)\s+off|work\s+(?:it|that)\s+off)\b
            |\b(?:tuve|tengo)\s+que\s+(?:quemarlo|compensarlo|vomitarlo|deshacerlo)
            |\b(?:only|nothing\s+but)\s+(?:had\s+)?water\s+for\s+(?:\d+|two|three|four|five|six|seven
            |several)\s+days|\bllevo\s+(?:\d+|dos|tres|cuatro|cinco|seis|siete)\s+dias\s+(?:solo\s+con\s+agua
            |sin\s+comer)"""
        ),
        idiom_after=_rx(
            r"[^.!?\n]{0,30}(?:\bdrawing|\btattoo|\btatuaje|\bmarker|\bplumon|\bpen\b)"
        ),
    ),
    Rule(
        "ending_said_sideways",
        "thoughts",
        MODERATE,
        _rx(
            r"""\b(?:don'?t|do\s+not|can'?t)\s+see\s+(?:the|any)\s+point\s+(?:in|of)\s+(?:being\s+here
            |living|going\s+on|carrying\s+on|staying|being\s+alive)
            |\bmy\s+time\s+is\s+(?:done|up|over)\b|\bya\s+(?:he\s+)?cumpli(?:do)?\b(?!\s+(?:con|los|\d))
            |\bstop\s+existing\b|\bdejar\s+de\s+existir\b
            |\bleave\s+(?:this|my)\s+body\b|\bdejar\s+este\s+cuerpo\b
            |\b(?:letters?|cartas?|cartes)\s+(?:to|for|para|per\s+a)\s+(?:each|every|all|everyone|cada
            |todos|tothom)|\bwritten\s+to\s+each\s+of
            |\b(?:not|no)\s+(?:to\s+)?blame\s+yourself\s+(?:afterwards|after)|\bluego\s+no\s+se\s+sienta
            \s+culpable|\bdespues\s+no\s+se\s+(?:sienta|culpe)"""
        ),
        idiom_after=_rx(
            r"[^.!?\n]{0,30}(?:christmas|navidad|birthday|cumpleanos|thank|gracias por)"
        ),
        names_writer=True,
    ),
    Rule(
        "emoji_means",
        "self_harm",
        MODERATE,
        _rx(r"[\U0001F52A\U0001FA78\U0001F52B\u26B0\U0001FAA6\U0001FAA2]|\U0001F48A\s*\U0001F48A"),
    ),
)

# --- context -------------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_HARD_BREAK = re.compile(r"[.!?;\n]")
_CLAUSE_WORDS = {"but", "however", "although", "though", "yet", "except", "anyway", "still"}
_JOINERS = {"and", "so", "because", "cause", "cos", "coz", "then", "plus", "also"}
FIRST_PERSON = {
    "i", "i'm", "im", "i've", "ive", "i'd", "i'll", "me", "myself", "imma", "ima", "i'mma",
}  # fmt: skip
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
    "wanting", "guns", "gun", "weapons", "weapon", "pills", "meds", "stockpiled", "fear",
    "frighten", "frightens", "scared", "afraid",
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
    # "if I died nobody would care": the supposition is the risk statement.
    ("if", "i", "died"), ("if", "i", "jumped"), ("if", "i", "disappeared"),
    ("if", "i", "was", "gone"), ("if", "i", "were", "gone"), ("if", "i", "was", "dead"),
    ("if", "i", "wasn't", "here"), ("if", "i", "wasnt", "here"), ("if", "i", "killed"),
    ("si", "me", "muero"), ("si", "me", "muriera"), ("si", "desapareciera"),
    # "sorry if this is jumbled": an apology, not a supposition.
    ("sorry", "if"), ("apologies", "if"), ("perdon", "si"), ("disculpe", "si"),
    ("if", "i", "don't", "wake"), ("if", "i", "dont", "wake"), ("if", "i", "die"),
    ("if", "i", "didn't", "wake"), ("if", "i", "didnt", "wake"),
)  # fmt: skip
HYPOTHETICAL_PHRASES = (("should", "i", "ever"), ("should", "i", "feel"), ("in", "case"))
# "is suicidal", "she's suicidal": a verb form the writer does not use of themselves.
THIRD_PERSON_VERBS = {"is", "are", "seems", "sounds", "looks", "wants", "isn't", "isnt"}
NOT_A_PERSON = {"there's", "it's", "that's", "what's", "here's", "let's", "life's", "everything's"}
CONTEXT_TOKENS = 12

# Spanish, read without accents. The writer is named by "yo", "me", "mi" and by verbs
# ending in -rme ("matarme"); "se" before a verb is someone else ("se suicido").
FIRST_PERSON |= {"yo", "me", "mi", "estoy", "quiero", "tengo", "voy", "pienso"}
THIRD_PERSON |= {
    "el", "ella", "ellos", "ellas", "hermano", "hermana", "amigo", "amiga", "primo", "prima",
    "vecino", "vecina", "madre", "padre", "mama", "papa", "hijo", "hija", "abuelo", "abuela",
    "novio", "novia", "esposo", "esposa", "marido", "tio", "tia", "companero", "companera",
    "alguien", "gente", "personaje", "hombre", "mujer", "chico", "chica", "nieto", "nieta",
}  # fmt: skip
THIRD_PERSON_VERBS |= {"se", "esta", "quiere", "dice", "dijo"}
NEGATIONS |= {"ni", "nunca", "jamas", "tampoco", "sin", "aint", "ain't", "nope"}
BRIDGE |= {
    "tengo", "he", "ha", "pensamientos", "pensamiento", "ideas", "idea", "ganas", "de", "en",
    "estoy", "estado", "pensando", "pienso", "quiero", "me", "voy", "a", "la", "el", "los",
    "las", "yo", "ya", "mas", "hacer", "intencion", "planes", "sobre", "del", "suicidio",
    "ningun", "ninguna", "ningunas", "siquiera", "pensado", "hecho", "hoy", "ahora",
    "semana", "esta", "este", "mes", "nunca", "tampoco", "querido", "quise", "intentado",
    "tenido", "sentido", "habido",
}  # fmt: skip
HYPOTHETICAL |= {"si", "suponiendo", "imaginate"}
# Only a feeling can be supposed ("if I ever felt suicidal I would call"): an intent, a
# plan, a threat or danger under a condition ("if he comes near me I'll stab him", "if
# this goes on I'll kill myself") is still one, so those are never set aside this way.
HYPOTHETICAL_CATEGORIES = {"thoughts", "self_harm"}
# Threats and danger under way are mostly said of someone else ("he's hitting me",
# "they'll pay"), so the third-person check never applies to them.
THIRD_PERSON_EXEMPT = {"harm_to_others", "danger_now"}
# A film, a book, the news, a course: a risk word about them is not about the writer,
# unless the phrase names the writer.
MEDIA = {
    "book", "books", "film", "films", "movie", "movies", "show", "series", "documentary",
    "song", "songs", "game", "games", "podcast", "news", "article", "essay", "episode",
    "novel", "play", "course", "class", "lecture", "assignment", "project", "character",
    "libro", "pelicula", "serie", "documental", "cancion", "juego", "videojuego", "noticias",
    "novela", "articulo", "curso", "clase", "personaje",
}  # fmt: skip
# Resolved history: a marker of the past in the same sentence, a marker of being
# better now in the message, and nothing saying it is back ("again", "relapsed").
_PAST = re.compile(
    r"""\b(?:years?\s+ago|(?:a\s+)?long\s+time\s+ago|as\s+a\s+(?:teen(?:ager)?|kid|child|student)
    |used\s+to|when\s+i\s+was\s+(?:younger|a\s+(?:teen|kid|child)|in\s+(?:school|hospital
    |my\s+\w+))
    |back\s+when|last\s+year|in\s+the\s+past|hace\s+(?:\w+\s+){0,2}anos|antes\b|cuando\s+era
    |el\s+ano\s+pasado|the\s+bad\s+(?:year|years|time|patch|days)|at\s+the\s+old\s+place
    |from\s+when\s+i\s+was|when\s+(?:the\s+|my\s+|it\s+)?\w*\s*first\s+started|(?:ya\s+)?deje\s+de
    |de\s+(?:joven|adolescente|nina|nino)|when\s+i\s+was\s+\d+|a\s+los\s+\d+\b
    |en\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)
    \s+(?:pensaba|sentia|queria|me\s+cortaba))""",
    re.VERBOSE,
)
_BETTER_NOW = re.compile(
    r"""\b(?:not\s+any\s?more|don'?t\s+any\s?more|no\s+longer|not\s+now|no\s+more|good\s+place|better\s+now
    |i'?m\s+better|(?:much|feeling|doing)\s+better|proud|(?:has|have)\s+(?:really\s+)?helped
    |recovered|past\s+it|glad\s+i'?m\s+(?:still\s+)?(?:here|alive|past)|ya\s+no|ahora\s+(?:no
    |estoy|bien)|hoy\s+estoy\s+bien|estoy\s+(?:bien|mejor)
    |sin\s+hacerlo|llevo\s+\w+\s+(?:anos|meses)|my\s+first|mi\s+primer[ao]?\b|wanted\s+you\s+to\s+know
    |scars?\b|cicatri\w*|now\s+i\b|i\s+don'?t\s+think\s+like\s+that|haven'?t\s+in\s+(?:months|years|ages)
    |not\s+felt\s+(?:anything\s+)?like\s+that\s+since|i'?m\s+(?:alive|glad)|glad\s+i|orgullos[ao]
    |cumpli\s+\w+\s+(?:ano|anos|mes|meses)|hoy\s+(?:celebro|he\s+ido|cumpli)|celebr\w+|handed\s+[^.]{0,20}back
    |i'?m\s+\d+\s+now|ahora\s+tengo\s+\d+|calmly|with\s+(?:a\s+lot\s+of\s+)?compassion
    |con\s+(?:mucha\s+)?ternura|haven'?t\s+had\s+that\s+thought|no\s+tengo\s+ese\s+pensamiento)""",
    re.VERBOSE,
)
_BACK_AGAIN = re.compile(
    r"""\b(?:again|relaps\w*|back\s+(?:again|now)|otra\s+vez|de\s+nuevo|volvi|volvio
    |(?:new|fresh)\s+(?:cuts|scars|marks|burns)|(?:nuevas?|nuevos)\s+(?:cortes|cicatrices|heridas))\b""",
    re.VERBOSE,
)


def _plain(char: str) -> str:
    """One character lower-cased and without its accent ("Í" -> "i", "ñ" -> "n"), or
    unchanged when that would not be exactly one character."""
    lower = char.lower()
    if len(lower) != 1:
        return char
    if lower in "\u2019\u2018\u02bc`\u00b4":
        return "'"
    base = unicodedata.normalize("NFD", lower)[0]
    return base if base.isascii() and base.isalpha() else lower


def normalise(text: str) -> str:
    """Lower case, without accents, with straight apostrophes, and the same length as
    `text`, so the offsets of a match point into the client's own words."""
    return "".join(_plain(char) for char in text)


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
    return any(
        w in FIRST_PERSON or w == "my" or (w.endswith("rme") and len(w) > 4)
        for w in _TOKEN.findall(span)
    )


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


def _sentence_around(norm: str, start: int, end: int) -> str:
    before = max((norm.rfind(mark, 0, start) for mark in ".!?\n;"), default=-1)
    after = [i for i in (norm.find(mark, end) for mark in ".!?\n;") if i != -1]
    return norm[before + 1 : min(after) if after else len(norm)]


def _resolved_history(norm: str, start: int, end: int) -> bool:
    """Said of the past and over: "years ago I tried to kill myself, I'm in a good place
    now", "antes me cortaba, ya llevo dos anos sin hacerlo"."""
    sentence = _sentence_around(norm, start, end)
    return bool(
        _PAST.search(sentence) and _BETTER_NOW.search(norm) and not _BACK_AGAIN.search(norm)
    )


def _about_media(words: list[str], rule: Rule, span: str) -> bool:
    if rule.names_writer or _names_the_writer(span):
        return False
    return any(word in MEDIA for word in words)


# Someone whose work meets risk (a nurse, a pharmacist, a paramedic, a teacher) names
# it: "an overdose patient", "self-harm calls", "a customer asked about lethal doses".
# Only a risk word that names nobody, right before a word of the job or with a
# customer or patient as its nearest subject; never a threat or danger now.
_WORK_AFTER = re.compile(
    r"""[\s-]+(?:\w+\s+)?(?:calls?|patients?|signs|cases?|referrals?|protocols?|policy|assessments?
    |on\s+the\s+ward|pacientes?|casos|llamadas)\b""",
    re.VERBOSE,
)
_WORK_PEOPLE = {"customer", "customers", "patient", "patients", "caller", "callers", "paciente",
                "pacientes", "cliente", "clientes", "calls", "call", "callout", "shift",
                "helpline", "student", "students", "alumno", "alumnos", "alumna",
                "alumnas"}  # fmt: skip
# The writer says what their work is ("I'm a hospice nurse so death is...", "soy enfermera
# de urgencias"): a risk word naming nobody is their work's.
_JOB = re.compile(
    r"""\b(?:i'?m|i\s+am|soy|as)\s+(?:a|an|un|una)?\s*(?:\w+\s+)?(?:nurse|paramedic|counsell?or
    |enfermer[oa]|paramedico|social\s+worker|trabajadora?\s+social)\b""",
    re.VERBOSE,
)
_WORK_RULES = {
    "death_word_first_person",
    "suicide_word",
    "self_harm",
    "self_harm_euphemism",
    "means",
    "means_and_research",
    "attempt",
}


def _at_work(rule: Rule, words: list[str], norm: str, start: int, end: int) -> bool:
    if rule.name not in _WORK_RULES or _names_the_writer(norm[start:end]):
        return False
    if _WORK_AFTER.match(norm, end) or _JOB.search(norm):
        return True
    for word in reversed(words):
        if word in FIRST_PERSON or word in {"my", "own", "mi"}:
            return False
        if word in _WORK_PEOPLE:
            return True
    return False


# A risk phrase in quotation marks, introduced as a word someone else said or as a word
# being talked about: 'she said "I want to die" at dinner', 'slang like "unalive"',
# 'chistes de "me quiero morir"'. The writer's own quoted thought ('I keep thinking "I
# want to die"') is not introduced this way and stays flagged.
_QUOTE_OPEN = re.compile(r"""["\u201c\u00ab]|(?:^|(?<=\s))'(?=\w)""")
_QUOTED_BY = re.compile(
    r"""(?:\b(?:words?|terms?|slang|phrases?|jokes?|chistes?|greeting|saying)(?:\s+(?:like|such\s+as
    |de|about|como))?
    |\b(?:she|he|they|her|his|my\s+\w+(?:\s+\w+)?|mi\s+\w+|the\s+\w+)\b[^.!?\n"]{0,30}\b(?:said|says|dice
    |dijo|goes|told\s+me|asked))\s*:?\s*$""",
    re.VERBOSE,
)


def _quoted_mention(norm: str, start: int, end: int) -> bool:
    opening = None
    for quote in _QUOTE_OPEN.finditer(norm, max(0, start - 40), start):
        opening = quote
    if opening is None or re.search(r"""["\u201d\u00bb]""", norm[opening.end() : start]):
        return False
    if not re.search(r"""["\u201d\u00bb']""", norm[end : end + 40]):
        return False
    return bool(_QUOTED_BY.search(norm[max(0, opening.start() - 60) : opening.start()]))


# Laughter or a joke marker near a feeling said in passing ("me quiero morir jajaja
# reprobé", "kms if this essay doesnt get a 2:1 lmao") sets that feeling aside, unless
# the message takes the joke back ("lol jk... unless", "jaja no mentira... o sí", "not
# joking", "en serio"). Never an intent, a plan, an attempt, a threat or danger now
# said with words of the writer's own body or means.
_LAUGHTER = re.compile(
    r"""\b(?:j[aej]j[aej]\w*|jsjs\w*|lol+|lmf?ao+|haha\w*|hehe\w*|xd+|rofl|jk|ngl\s+jk)\b
    |[\U0001F602\U0001F923\U0001F605\U0001F606\U0001F648]""",
    re.VERBOSE,
)
_NOT_JOKING = re.compile(
    r"""\b(?:unless|o\s+si|or\s+not|or\s+am\s+i|not\s+(?:joking|kidding)|no\s+(?:es\s+)?(?:broma|mentira)
    |en\s+serio|de\s+verdad|for\s+real|fr\b|actually\s+(?:not|serious)|serious(?:ly)?\b|kind\s+of\s+not
    |not\s+the\s+\w+\s+kind|no\s+es\s+tan|(?:actually\s+|really\s+)?mean\s+it\b
    |lo\s+(?:digo|dije)\s+en\s+serio|pensando\s+en\s+eso|thinking\s+about\s+it\s+(?:a\s+lot|for))""",
    re.VERBOSE,
)
_JOKE_CATEGORIES = {"thoughts"}


def _joking(rule: Rule, norm: str, start: int, end: int) -> bool:
    if rule.category not in _JOKE_CATEGORIES and rule.name not in {
        "intent_slang",
        "self_ending",
        "es_intent_or_attempt",
    }:
        return False
    if _NOT_JOKING.search(norm):
        return False
    return bool(_LAUGHTER.search(norm, max(0, start - 60), min(len(norm), end + 80)))


# Said to be a figure of speech right after: "I wanted to die (not literally)", "quería
# morirme (no literal)", "I want to murder him, figuratively". Not when the message takes
# it back ("not joking", "en serio").
_FIGURATIVE = re.compile(
    r"\bnot\s+literally|\bno\s+literal|\bfiguratively|\ben\s+sentido\s+figurado"
)


def _figurative(norm: str, end: int) -> bool:
    return bool(_FIGURATIVE.search(norm, end, min(len(norm), end + 40))) and not (
        _NOT_JOKING.search(norm)
    )


# An intrusive thought named as such ("the 'what if I push someone onto the tracks'
# thought, labelled it OCD", "el pensamiento de hacerle dano... la tarea de exposicion"):
# the phrase sits in a sentence about a thought or an image, and the message names the
# condition or its treatment. A risk phrase in another sentence ("they feel like an
# option") is still read.
_INTRUSIVE_NAMED = re.compile(r"\b(?:ocd|toc|intrusiv[eoa]s?|erp|exposure|exposicion)\b")
_A_THOUGHT = re.compile(
    r"\b(?:thoughts?|pensamientos?|what\s+if|y\s+si|images?|imagen(?:es)?|picturing|flash)\b"
)


def _intrusive(rule: Rule, norm: str, start: int, end: int) -> bool:
    if rule.category == "danger_now" or not _INTRUSIVE_NAMED.search(norm):
        return False
    return bool(_A_THOUGHT.search(_sentence_around(norm, start, end)))


# A natural death left to its time: "I want to die peacefully at home when the time
# comes", "en paz con morir cuando Dios quiera". Not when the message wants it soon.
_IN_ITS_TIME = re.compile(
    r"""\b(?:when(?:ever)?\s+(?:god|the\s+lord|my\s+time)\s+(?:decides|wants|calls|comes|is\s+ready)
    |cuando\s+(?:dios|el\s+senor|diosito)\s+(?:quiera|lo\s+disponga|decida|me\s+llame)
    |when\s+the\s+time\s+comes|cuando\s+(?:me\s+)?llegue\s+(?:la|mi)\s+hora)""",
    re.VERBOSE,
)
_SOON = re.compile(r"\b(?:soon|tonight|hopefully|pronto|esta\s+noche|ojala|ya\s+quiero)\b")


def _in_its_time(rule: Rule, norm: str, start: int, end: int) -> bool:
    return (
        rule.category in {"thoughts", "intent"}
        and bool(_IN_ITS_TIME.search(_sentence_around(norm, start, end)))
        and not _SOON.search(norm)
    )


def _why_set_aside(rule: Rule, norm: str, start: int, end: int) -> str | None:
    if rule.needs_first_person and not any(
        word in FIRST_PERSON or word in {"my", "i'd", "id", "mi"}
        for word in _TOKEN.findall(_sentence_around(norm, start, end))
    ):
        return "third_person"
    if rule.idiom_after is not None and rule.idiom_after.match(norm, end):
        return "idiom"
    if rule.idiom_before is not None and rule.idiom_before.search(
        norm[max(0, start - 30) : start]
    ):
        return "idiom"
    words = _clause_before(norm, start)
    if _negated(words):
        return "negated"
    if rule.category in HYPOTHETICAL_CATEGORIES and _hypothetical(
        _clause_before(norm, start, joiners_end_clause=False)
    ):
        return "hypothetical"
    if (
        not rule.names_writer
        and rule.category not in THIRD_PERSON_EXEMPT
        and _about_someone_else(words, norm[start:end])
    ):
        return "third_person"
    if _about_media(words, rule, norm[start:end]):
        return "media"
    if _resolved_history(norm, start, end):
        return "history"
    if _at_work(rule, words, norm, start, end):
        return "work"
    if _quoted_mention(norm, start, end):
        return "quoted"
    if _joking(rule, norm, start, end):
        return "joking"
    if _figurative(norm, end):
        return "figurative"
    if _intrusive(rule, norm, start, end):
        return "intrusive"
    if _in_its_time(rule, norm, start, end):
        return "in_its_time"
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


SECOND_READER = "second_reader"

# Rule families whose flags were mostly false alarms on authors they were not written
# from (a bare death word in a sentence about the writer: "dead tired", "the funeral is
# on Friday" in its many forms; 22 right and 23 wrong, leave-one-author-out on nine
# authors). Their match is not a flag of its own: it is one more feature of the second
# reader, which weighs it with the rest of the message, so a message it flags still
# shows that phrase. In a message too short for the reader (MIN_WORDS) it flags as
# before. Every explicit family stays a flag.
READER_ONLY_RULES = frozenset({"death_word_first_person"})


def _read_rules(text: str, norm: str) -> tuple[list[Match], list[Suppressed]]:
    """Every rule's matches in `norm`, those to flag and those set aside (with why)."""
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
    return found, suppressed


def rule_signals(found, suppressed) -> tuple[str, ...]:
    """What the rules saw, as features for the second reader: each rule that matched
    ("r:rule"), each reason a phrase was set aside ("x:negated") and each rule set aside
    ("xr:rule"). The reader learns how far to trust them from labelled messages."""
    signals = {"r:" + match.rule for match in found}
    for item in suppressed:
        signals.add("x:" + item.reason)
        signals.add("xr:" + item.match.rule)
    return tuple(sorted(signals))


def reader_signals(text: str) -> tuple[str, ...]:
    """The rule features of `text`, as the second reader is given them (for training)."""
    norm = normalise(text)
    return rule_signals(*_read_rules(text, norm))


def _second_reader(
    text: str, norm: str, *, set_aside: bool, signals: tuple[str, ...], leads: list[Match]
) -> list[Match]:
    """No rule flagged anything: the word model (screening_model.py) may still flag the
    message, marking the words that weighed most, or the phrase of a rule it was given
    to weigh (`leads`, READER_ONLY_RULES), with a lower bar then (LEAD_MARGIN). When a
    rule set a phrase aside and no lead was found, the model must be surer
    (SET_ASIDE_MARGIN): the phrase set aside has been read, but it must not silence risk
    said elsewhere in the message."""
    from caseload.safety import screening_model

    if not screening_model.enough_words(norm):
        return _keep_strongest(leads)
    reading = screening_model.read(norm, signals)
    if leads:
        margin = screening_model.LEAD_MARGIN
    else:
        margin = screening_model.SET_ASIDE_MARGIN if set_aside else 0.0
    if reading.score <= screening_model.THRESHOLD + margin:
        return []
    if leads:
        return _keep_strongest(leads)
    spans = reading.spans or ((0, len(text)),)
    matches = [
        Match(start, end, text[start:end], SECOND_READER, SECOND_READER, MODERATE)
        for start, end in spans
    ]
    return _keep_strongest(matches)


def screen(text: str) -> Screening:
    """Find the risk phrases in `text`; see the module docstring for the rules."""
    if not text or not text.strip():
        return Screening()
    norm = normalise(text)
    found, suppressed = _read_rules(text, norm)
    leads = [match for match in found if match.rule in READER_ONLY_RULES]
    # A reader-only phrase is marked beside a rule's flag, as any phrase found.
    flags = [match for match in found if match.rule not in READER_ONLY_RULES]
    kept = _keep_strongest(found) if flags else []
    if not kept:
        kept = _second_reader(
            text,
            norm,
            set_aside=bool(suppressed),
            signals=rule_signals(found, suppressed),
            leads=leads,
        )
        # A phrase the reader weighed and did not flag stays visible as set aside.
        suppressed += [Suppressed(m, "weighed_by_reader") for m in leads if m not in kept]
    # A phrase set aside but overlapping a kept one says nothing new.
    quiet: list[Suppressed] = []
    for item in sorted(suppressed, key=lambda s: s.match.end - s.match.start, reverse=True):
        # Set aside twice (a phrase and a word inside it) is one thing set aside.
        if not any(_overlaps(item.match, m) for m in kept + [q.match for q in quiet]):
            quiet.append(item)
    quiet.sort(key=lambda s: s.match.start)
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
