"""Text operations that derive one document from another, for labelled corpora.

Each function takes the parent's text and a random.Random and returns the child's text. They
keep what a real copy keeps (names, numbers, the story) and change what a real copy changes.
"""
import re

SITES = [
    ("Subscribe to our newsletter for the latest headlines delivered to your inbox every morning.",
     "Share this article: Facebook Twitter Email. Copyright Daily Wire Services. All rights reserved."),
    ("Advertisement. Continue reading the main story below.",
     "Related Posts\nSource link\nTotal\n0\nShares"),
    ("Your support helps us to tell the story. Read more. Support Now. Independent journalism needs you.",
     "Read more about this topic. Sign up for breaking news alerts. Follow us on social media."),
    ("Cookies help us deliver our services. By using our services, you agree to our use of cookies.",
     "This article was automatically published from a syndicated feed and has not been edited by our staff."),
    ("Breaking: stay informed with live updates from our newsroom, around the clock.",
     "Tags: news, world, business, politics. Comments are closed for this article."),
    ("Home | World | Business | Markets | Tech | Opinion | Video",
     "More from this section. Most read. Editor's picks. Back to top."),
]

SYNONYMS = {
    "said": ["stated", "noted", "explained", "remarked"], "says": ["states", "notes"],
    "told": ["informed", "explained to"], "big": ["large", "major"], "large": ["big", "sizeable"],
    "small": ["minor", "modest"], "increase": ["rise", "growth"], "increased": ["rose", "grew"],
    "rose": ["climbed", "increased"], "fell": ["dropped", "declined"], "drop": ["fall", "decline"],
    "company": ["firm", "business"], "firm": ["company"], "government": ["administration", "authorities"],
    "plan": ["proposal", "scheme"], "plans": ["proposals", "intends"], "expected": ["anticipated", "forecast"],
    "announced": ["revealed", "disclosed"], "shows": ["indicates", "reveals"], "show": ["indicate", "reveal"],
    "showed": ["indicated", "revealed"], "help": ["assist", "aid"], "buy": ["purchase", "acquire"],
    "bought": ["purchased", "acquired"], "sell": ["offload", "dispose of"], "sold": ["offloaded"],
    "start": ["begin", "launch"], "started": ["began", "launched"], "end": ["finish", "conclusion"],
    "about": ["around", "roughly"], "also": ["additionally", "as well"], "but": ["however,", "yet"],
    "because": ["since", "as"], "many": ["numerous", "several"], "important": ["significant", "key"],
    "major": ["significant", "leading"], "people": ["individuals", "citizens"], "country": ["nation"],
    "countries": ["nations"], "market": ["marketplace"], "markets": ["exchanges"], "prices": ["costs"],
    "price": ["cost"], "profit": ["earnings"], "profits": ["earnings"], "sales": ["revenues"],
    "shares": ["stock"], "rate": ["level"], "rates": ["levels"], "group": ["organisation"],
    "talks": ["negotiations", "discussions"], "meeting": ["gathering", "session"], "week": ["seven days"],
    "year": ["twelve months"], "recent": ["latest"], "new": ["fresh"], "problem": ["issue"],
    "problems": ["issues"], "need": ["require"], "needs": ["requires"], "needed": ["required"],
    "want": ["wish"], "wanted": ["wished"], "think": ["believe"], "thinks": ["believes"],
    "make": ["create"], "made": ["produced"], "get": ["obtain"], "got": ["obtained"], "give": ["provide"],
    "gave": ["provided"], "use": ["employ"], "used": ["employed"], "very": ["highly", "extremely"],
    "however": ["nevertheless", "still"], "while": ["whereas"], "although": ["though", "even though"],
    "around": ["about", "approximately"], "more": ["further"], "first": ["initial"], "last": ["previous"],
    "top": ["leading"], "chief": ["head"], "officials": ["authorities"], "official": ["representative"],
    "spokesman": ["representative"], "added": ["continued"], "according": ["as reported"],
    "before": ["prior to"], "after": ["following"], "during": ["throughout"], "between": ["among"],
    "against": ["versus"], "despite": ["in spite of"], "would": ["will"], "could": ["might"],
    "should": ["ought to"], "must": ["has to"], "likely": ["probable"], "quickly": ["rapidly"],
    "already": ["previously"], "again": ["once more"], "still": ["nonetheless"], "only": ["just", "merely"],
    "now": ["currently"], "soon": ["shortly"], "deal": ["agreement", "accord"], "agreed": ["consented"],
    "report": ["account"], "reported": ["disclosed"], "hit": ["struck"], "cut": ["reduce"],
    "cuts": ["reductions"], "rise": ["increase"], "growth": ["expansion"], "economy": ["economic system"],
    "strong": ["robust"], "weak": ["soft"], "high": ["elevated"], "low": ["reduced"], "good": ["positive"],
    "bad": ["negative"], "best": ["finest"], "including": ["such as"], "total": ["overall"],
    "board": ["panel"], "move": ["step"], "decision": ["ruling"], "result": ["outcome"],
    "results": ["figures"], "team": ["squad"], "win": ["victory"], "won": ["secured"], "lost": ["suffered"],
    "game": ["match"], "film": ["movie"], "music": ["songs"], "public": ["general public"],
    "mobile": ["cell"], "phone": ["handset"], "users": ["customers"], "service": ["offering"],
    "services": ["offerings"], "system": ["framework"], "technology": ["tech"], "money": ["funds"],
    "pay": ["compensate"], "paid": ["compensated"], "work": ["labour"], "jobs": ["positions"],
    "told reporters": ["informed journalists"], "in order to": ["to"], "as well as": ["and also"],
}

CONNECTIVES = ["Meanwhile, ", "In addition, ", "Notably, ", "It was reported that ", "Separately, ",
               "Furthermore, ", "At the same time, "]

SENT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def paragraphs(text):
    return [p for p in re.split(r"\n\s*\n|\n(?=\s{2,})", text) if p.strip()]


def sentences(par):
    par = re.sub(r"\s+", " ", par).strip()
    return [s for s in SENT_RE.split(par) if s]


def add_boilerplate(text, rng):
    header, footer = rng.choice(SITES)
    where = rng.random()
    if where < 0.4:
        return header + "\n\n" + text
    if where < 0.7:
        return text + "\n\n" + footer
    return header + "\n\n" + text + "\n\n" + footer


def light_edit(text, rng):
    words = text.split(" ")
    n = max(2, len(words) // rng.randint(40, 80))
    for _ in range(n):
        i = rng.randrange(len(words))
        w = words[i]
        key = w.lower().strip(".,;:")
        r = rng.random()
        if key in SYNONYMS and r < 0.5:
            words[i] = w.replace(key, rng.choice(SYNONYMS[key])) if w.islower() else w
        elif r < 0.75 and len(words) > 20:
            del words[i]
        else:
            words.insert(i, rng.choice(["also", "now", "reportedly", "recently", "still"]))
    return " ".join(words)


def truncate(text, rng):
    pars = paragraphs(text)
    if len(pars) >= 3:
        # The first paragraph is often a headline: keep at least one paragraph of story.
        keep = max(2, int(len(pars) * rng.uniform(0.4, 0.8)))
        return "\n\n".join(pars[:keep])
    sents = sentences(text)
    keep = max(1, int(len(sents) * rng.uniform(0.4, 0.8)))
    return " ".join(sents[:keep])


def reorder(text, rng):
    pars = paragraphs(text)
    if len(pars) < 3:
        sents = sentences(text)
        head, rest = sents[:1], sents[1:]
        rng.shuffle(rest)
        return " ".join(head + rest)
    head, rest = pars[:1], pars[1:]
    rng.shuffle(rest)
    return "\n\n".join(head + rest)


NUM_RE = re.compile(r"\b\d[\d,.]*\b")
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def insert_errors(text, rng):
    """Factual errors: a number altered, a weekday changed, a name swapped for another name."""
    nums = list(NUM_RE.finditer(text))
    out = text
    for m in rng.sample(nums, min(len(nums), rng.randint(1, 3))):
        digits = m.group(0)
        pos = [i for i, c in enumerate(digits) if c.isdigit()]
        i = rng.choice(pos)
        wrong = digits[:i] + str((int(digits[i]) + rng.randint(1, 8)) % 10) + digits[i + 1:]
        out = out.replace(digits, wrong, 1)
    for day in DAYS:
        if day in out and rng.random() < 0.5:
            out = out.replace(day, rng.choice([d for d in DAYS if d != day]), 1)
            break
    names = re.findall(r"(?<=[a-z,] )[A-Z][a-z]{3,}", out)
    if len(names) >= 2:
        a, b = rng.sample(names, 2)
        if a != b:
            out = out.replace(a, b, 1)
    return out


def mix(text, other, rng):
    """A partial copy: the first part of one source followed by a part of another."""
    a, b = paragraphs(text), paragraphs(other)
    if len(a) < 2:
        a = sentences(text)
    if len(b) < 2:
        b = sentences(other)
    keep_a = a[: max(1, int(len(a) * rng.uniform(0.5, 0.8)))]
    keep_b = b[: max(1, int(len(b) * rng.uniform(0.2, 0.4)))]
    return "\n\n".join(keep_a + keep_b)


QUOTE_RE = re.compile(r"[\"“]([^\"”]{10,300})[,.]?[\"”],? (he|she|they|it|[A-Z][a-z]+(?: [A-Z][a-z]+)?) (said|says|added|told [^.]+)\.")


def reported_speech(sentence):
    m = QUOTE_RE.search(sentence)
    if not m:
        return sentence.replace("“", "").replace("”", "").replace('"', "")
    quote, who = m.group(1).strip(), m.group(2)
    who = who if who not in ("he", "she", "they", "it") else who.capitalize()
    quote = re.sub(r"\bI\b", "he", quote)
    quote = re.sub(r"\bwe\b", "they", quote)
    quote = re.sub(r"\bour\b", "their", quote)
    return sentence[: m.start()] + f"{who} stated that {quote[0].lower() + quote[1:]}." + sentence[m.end():]


def swap_clauses(sentence, rng):
    parts = sentence.rstrip(".").split(", ", 1)
    if len(parts) == 2 and len(parts[0].split()) > 3 and len(parts[1].split()) > 3 and rng.random() < 0.5:
        first, second = parts
        return second[0].upper() + second[1:] + ", " + first[0].lower() + first[1:] + "."
    return sentence


def synonymise(sentence, rng, rate):
    def sub(m):
        w = m.group(0)
        key = w.lower()
        if key in SYNONYMS and rng.random() < rate:
            rep = rng.choice(SYNONYMS[key])
            return rep.capitalize() if w[0].isupper() else rep
        return w
    out = re.sub(r"[A-Za-z]+", sub, sentence)
    # Articles and auxiliaries are what rewriters change most; they break word 5-grams.
    out = re.sub(r"\bthe (\w+) of\b", lambda m: m.group(1) + "'s" if rng.random() < 0.3 else m.group(0), out)
    out = re.sub(r"\bhas been\b", "was", out)
    out = re.sub(r"\bwill be\b", lambda m: "is set to be" if rng.random() < 0.5 else m.group(0), out)
    out = re.sub(r"\bthat\b", lambda m: "" if rng.random() < 0.5 else m.group(0), out)
    return re.sub(r"\s{2,}", " ", out)


def paraphrase(text, rng):
    """Sentence-by-sentence rewriting: synonyms, swapped clauses, quotes turned into reported
    speech, some sentences dropped, some merged or split, connectives added."""
    out_pars = []
    for par in paragraphs(text):
        sents = sentences(par)
        new = []
        i = 0
        while i < len(sents):
            s = sents[i]
            r = rng.random()
            if r < 0.12 and len(sents) > 1:
                i += 1  # a detail dropped
                continue
            s = reported_speech(s)
            s = swap_clauses(s, rng)
            s = synonymise(s, rng, 0.8)
            if r > 0.85 and i + 1 < len(sents):
                nxt = synonymise(reported_speech(sents[i + 1]), rng, 0.8)
                if nxt:  # a lone quotation mark leaves nothing to join
                    s = s.rstrip(".") + ", and " + nxt[0].lower() + nxt[1:]
                i += 1
            elif r > 0.7 and " and " in s and len(s.split()) > 16:
                a, b = s.split(" and ", 1)
                if b:
                    s = a.rstrip(",") + ". " + b[0].upper() + b[1:]
            if rng.random() < 0.15 and s:
                s = rng.choice(CONNECTIVES) + s[0].lower() + s[1:]
            new.append(s)
            i += 1
        if new:
            out_pars.append(" ".join(new))
    if len(out_pars) > 3 and rng.random() < 0.5:
        j = rng.randrange(1, len(out_pars) - 1)
        out_pars[j], out_pars[j + 1] = out_pars[j + 1], out_pars[j]
    return "\n\n".join(out_pars) if out_pars else text
