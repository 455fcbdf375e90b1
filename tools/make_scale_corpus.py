#!/usr/bin/env python3
"""Large synthetic news corpora for scale benchmarks, made from real sentences.

Each base document is 8-25 sentences drawn at random from the sentences of the real corpora
(so vocabulary and lengths are those of news), titled by its first words. A share of documents
(--copies, default 10%) are derived from an earlier one: exact copies, boilerplate added,
truncation, or paraphrase (tools/rewrite.py). Deterministic for a seed.

  tools/make_scale_corpus.py --docs 1000000 --out big.jsonl
  tools/make_scale_corpus.py --docs 100000 --same-boilerplate --out boiler.jsonl
"""
import argparse
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rewrite  # noqa: E402


def load_sentences(corpora, names, limit=400000):
    out = []
    for name in names:
        with open(os.path.join(corpora, name, "corpus.jsonl"), encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                for s in re.split(r"(?<=[.!?])\s+", re.sub(r"\s+", " ", text)):
                    if 6 <= len(s.split()) <= 60:
                        out.append(s)
                if len(out) >= limit:
                    return out
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpora"))
    ap.add_argument("--sources", default="bbc_news,reuters21578")
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--copies", type=float, default=0.1)
    ap.add_argument("--same-boilerplate", action="store_true", help="every document carries one boilerplate paragraph")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sentences = load_sentences(args.corpora, args.sources.split(","))
    recent = []
    chrome = rewrite.SITES[0][1]
    with open(args.out, "w", encoding="utf-8") as f:
        for i in range(args.docs):
            if recent and rng.random() < args.copies:
                src = rng.choice(recent)
                op = rng.choice(["exact", "boilerplate", "truncation", "paraphrase"])
                text = src if op == "exact" else {
                    "boilerplate": rewrite.add_boilerplate, "truncation": rewrite.truncate,
                    "paraphrase": rewrite.paraphrase}[op](src, rng)
            else:
                body = [rng.choice(sentences) for _ in range(rng.randint(8, 25))]
                paras = [" ".join(body[k:k + 3]) for k in range(0, len(body), 3)]
                text = " ".join(body[0].split()[:8]).upper() + "\n\n" + "\n\n".join(paras)
                recent.append(text)
                if len(recent) > 1000:
                    recent.pop(rng.randrange(len(recent)))
            if args.same_boilerplate:
                text = text + "\n\n" + chrome
            f.write(json.dumps({"id": "s%d" % i, "text": text}) + "\n")
    print(f"make_scale_corpus: {args.docs} documents -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
