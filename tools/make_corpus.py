#!/usr/bin/env python3
"""Builds a labelled lineage corpus from real articles.

Families: an original article and copies derived from it and from each other, each derivation
one operation (boilerplate, light_edit, truncation, reorder, paraphrase, error, mix). Families are
mixed with unrelated real articles (including articles of the same topic) as distractors, some
of which carry the same site boilerplate as the copies. Writes corpus.jsonl (shuffled) and
gold.json: {"clusters": [[id...]], "edges": [[parent, child, operation]], "roots": [id...]}.

Deterministic for a seed. Standard library only. Past the real articles (about 15,000 after
de-duplication), more are made by recombining real paragraphs, so a million documents can be
made (about 20 seconds per 100,000 documents here).

  tools/make_corpus.py --corpora ../shared/corpora --out DIR --seed 1 --mode mixed
"""
import argparse
import datetime
import hashlib
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rewrite  # noqa: E402

MODES = {
    "near": ["boilerplate", "light_edit", "truncation", "reorder"],
    "paraphrase": ["paraphrase"],
    "mixed": ["boilerplate", "light_edit", "truncation", "reorder", "paraphrase", "error", "mix"],
}
for op in MODES["mixed"]:
    MODES.setdefault(op, [op])


def norm_key(text):
    return hashlib.sha1(" ".join(re.findall(r"\w+", text.lower())).encode()).hexdigest()


def load_base(corpora, names, min_words, max_words):
    """Real articles, de-duplicated: the corpora hold re-issued wire stories and follow-up
    stories that reuse whole paragraphs, which would be unlabelled copies. An article is dropped
    if it shares its normalised text, its title, or more than a few word 8-grams with one kept."""
    seen_keys, seen_grams, base = set(), {}, []
    for name in names:
        path = os.path.join(corpora, name, "corpus.jsonl")
        with open(path, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                text = d["text"].strip()
                words = re.findall(r"\w+", text.lower())
                if not (min_words <= len(words) <= max_words):
                    continue
                keys = {norm_key(text)}
                if d.get("title"):
                    keys.add("title:" + d["title"].lower().strip())
                grams = {hashlib.blake2b(" ".join(words[i:i + 8]).encode(), digest_size=8).digest()
                         for i in range(0, len(words) - 7)}
                shared = {}
                for g in grams:
                    owner = seen_grams.get(g)
                    if owner is not None:
                        shared[owner] = shared.get(owner, 0) + 1
                if keys & seen_keys or any(n >= 5 for n in shared.values()):
                    continue
                seen_keys |= keys
                for g in grams:
                    seen_grams.setdefault(g, len(base))
                topic = d.get("topic") or d.get("group") or name
                base.append({"text": text, "topic": f"{name}/{topic}", "source": name})
    return base


def recombined_articles(base, count, rng):
    """New articles of 12-30 real sentences drawn from the whole base: a sentence recurs in
    unrelated articles now and then, but never enough of them to make two articles copies."""
    sentences = [x for a in base for p in rewrite.paragraphs(a["text"])[1:] for x in rewrite.sentences(p)
                 if 6 <= len(x.split()) <= 60]
    out = []
    for i in range(count):
        body = [rng.choice(sentences) for _ in range(rng.randint(12, 30))]
        paras = [" ".join(body[k:k + 3]) for k in range(0, len(body), 3)]
        title = " ".join(body[0].split()[:7]).rstrip(",.;:")
        out.append({"text": title + "\n\n" + "\n\n".join(paras), "topic": "recombined/%d" % (i % 50),
                    "source": "recombined"})
    return out


OPERATIONS = {
    "boilerplate": rewrite.add_boilerplate,
    "light_edit": rewrite.light_edit,
    "truncation": rewrite.truncate,
    "reorder": rewrite.reorder,
    "paraphrase": rewrite.paraphrase,
    "error": rewrite.insert_errors,
}


def apply_op(op, text, rng, other_text):
    if op == "mix":
        return rewrite.mix(text, other_text, rng)
    return OPERATIONS[op](text, rng)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpora"))
    ap.add_argument("--sources", default="bbc_news,reuters21578")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mode", default="mixed", choices=sorted(MODES))
    ap.add_argument("--families", type=int, default=60)
    ap.add_argument("--min-copies", type=int, default=1)
    ap.add_argument("--max-copies", type=int, default=5)
    ap.add_argument("--distractors", type=int, default=600)
    ap.add_argument("--boilerplate-distractors", type=float, default=0.3,
                    help="share of distractors wrapped in site boilerplate")
    ap.add_argument("--dates", type=float, default=0.7, help="share of documents with a date")
    ap.add_argument("--wrong-dates", type=float, default=0.05, help="share of dates that contradict lineage")
    ap.add_argument("--urls", action="store_true",
                    help="give every document a URL: originals and distractors on their source's site, "
                         "copies each on one of twenty other sites")
    ap.add_argument("--credits", type=float, default=0.0,
                    help="with --urls, share of copies that end with a line naming their parent's site")
    ap.add_argument("--min-words", type=int, default=150)
    ap.add_argument("--max-words", type=int, default=1200)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    base = load_base(args.corpora, args.sources.split(","), args.min_words, args.max_words)
    rng.shuffle(base)
    needed = args.families * 2 + args.distractors
    if len(base) < needed:
        # Beyond the real articles (about 15,000 after de-duplication), new articles are made by
        # recombining real paragraphs, so corpora of any size keep the vocabulary of news.
        base += recombined_articles(base, needed - len(base), rng)
    originals = base[: args.families]
    extras = base[args.families: args.families * 2]  # second sources for "mix", never in the corpus
    # Distractors favour the families' topics, so same-topic articles are among them.
    family_topics = {a["topic"] for a in originals}
    pool = base[args.families * 2:]
    same = [a for a in pool if a["topic"] in family_topics]
    other = [a for a in pool if a["topic"] not in family_topics]
    distractors = (same[: args.distractors * 2 // 3] + other)[: args.distractors]

    ops = MODES[args.mode]
    docs, clusters, edges, roots = [], [], [], []
    start = datetime.datetime(2020, 1, 1)

    def date_for(when, truth_ok=True):
        if rng.random() >= args.dates:
            return None
        if not truth_ok or rng.random() < args.wrong_dates:
            when = when - datetime.timedelta(days=rng.randint(2, 30))
        return when.strftime("%Y-%m-%dT%H:%M:%S")

    counter = [0]
    # URLs and credits draw on a generator of their own, so that the corpus is otherwise the one
    # the same seed gives without them.
    site_rng = random.Random(args.seed * 7919 + 1)
    source_sites = {"bbc_news": "www.bbc.co.uk", "reuters21578": "www.reuters.com"}
    copy_sites = ["www.site%02d.example" % k for k in range(20)]

    def url_for(doc_id, site):
        return "https://%s/story/%s" % (site, doc_id) if args.urls else None

    def new_id():
        counter[0] += 1
        return "doc%06d" % rng.randrange(10 ** 6) + "-%d" % counter[0]

    for f, orig in enumerate(originals):
        when0 = start + datetime.timedelta(days=rng.randint(0, 1500), minutes=rng.randint(0, 1440))
        root_id = new_id()
        members = [(root_id, orig["text"], when0)]
        site = {root_id: source_sites.get(orig["source"], orig["source"] + ".example")}
        docs.append({"id": root_id, "text": orig["text"], "date": date_for(when0), "source": orig["source"],
                     "url": url_for(root_id, site[root_id])})
        for _ in range(rng.randint(args.min_copies, args.max_copies)):
            pid, ptext, pwhen = rng.choice(members)
            op = rng.choice(ops)
            text = apply_op(op, ptext, rng, extras[f]["text"])
            when = pwhen + datetime.timedelta(hours=rng.randint(1, 72))
            cid = new_id()
            members.append((cid, text, when))
            site[cid] = site_rng.choice(copy_sites)
            shown = text
            if args.urls and site_rng.random() < args.credits:
                shown = text + "\n\nSource: " + site[pid][len("www."):]
            docs.append({"id": cid, "text": shown, "date": date_for(when), "source": "copy", "url": url_for(cid, site[cid])})
            edges.append([pid, cid, op])
        clusters.append([m[0] for m in members])
        roots.append(root_id)
    for d in distractors:
        text = d["text"]
        if rng.random() < args.boilerplate_distractors:
            text = rewrite.add_boilerplate(text, rng)
        when = start + datetime.timedelta(days=rng.randint(0, 1500))
        did = new_id()
        docs.append({"id": did, "text": text, "date": date_for(when), "source": d["source"],
                     "url": url_for(did, source_sites.get(d["source"], d["source"] + ".example"))})

    rng.shuffle(docs)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for d in docs:
            for key in ("date", "url"):
                if d[key] is None:
                    del d[key]
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(os.path.join(args.out, "gold.json"), "w", encoding="utf-8") as f:
        json.dump({"clusters": clusters, "edges": edges, "roots": roots}, f, indent=1)
    print(f"make_corpus: {len(docs)} documents, {len(clusters)} families, {len(edges)} derivations "
          f"({args.mode}, seed {args.seed}) -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
