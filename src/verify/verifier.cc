#include "copytrail/verifier.h"

#include <algorithm>

namespace copytrail {

const char* RelationName(Relation r) {
  switch (r) {
    case Relation::kExact: return "exact";
    case Relation::kNear: return "near-duplicate";
    case Relation::kParaphrase: return "paraphrase";
    case Relation::kNone: break;
  }
  return "none";
}

Status VerifyOptions::Validate() const {
  auto in01 = [](double v) { return v >= 0 && v <= 1; };
  if (!in01(near_jaccard) || !in01(near_containment) || !in01(near_min_cosine) ||
      !in01(paraphrase_cosine) || !in01(paraphrase_containment) || !in01(paraphrase_aligned) ||
      !in01(sentence_overlap))
    return Status::InvalidArgument("thresholds must lie in [0, 1] (near-jaccard " +
                                   std::to_string(near_jaccard) + ", paraphrase-cosine " +
                                   std::to_string(paraphrase_cosine) + ")");
  return Status::Ok();
}

PairMeasures Measure(const Corpus& corpus, DocId a, DocId b) {
  PairMeasures m;
  const DocInfo& ia = corpus.info(a);
  const DocInfo& ib = corpus.info(b);
  m.exact = ia.tokens > 0 && ia.exact_hash == ib.exact_hash;
  m.jaccard = m.exact ? 1.0 : EstimateJaccard(corpus.signature(a), corpus.signature(b));
  // |A n B| = J (|A| + |B|) / (1 + J) turns the Jaccard estimate into containments.
  double inter = m.jaccard * (ia.shingles + ib.shingles) / (1.0 + m.jaccard);
  m.shingle_cont_ab = ia.shingles ? std::min(1.0, inter / ia.shingles) : 0;
  m.shingle_cont_ba = ib.shingles ? std::min(1.0, inter / ib.shingles) : 0;

  auto ta = corpus.terms(a), tb = corpus.terms(b);
  auto wa = corpus.weights(a), wb = corpus.weights(b);
  double dot = 0, shared_idf = 0;
  size_t i = 0, j = 0;
  while (i < ta.size() && j < tb.size()) {
    if (ta[i] < tb[j]) {
      ++i;
    } else if (ta[i] > tb[j]) {
      ++j;
    } else {
      dot += double{wa[i]} * wb[j];
      shared_idf += corpus.idf(ta[i]);
      ++i, ++j;
    }
  }
  m.cosine = std::min(1.0, dot);
  m.containment_ab = ia.idf_mass > 0 ? std::min(1.0, shared_idf / ia.idf_mass) : 0;
  m.containment_ba = ib.idf_mass > 0 ? std::min(1.0, shared_idf / ib.idf_mass) : 0;
  return m;
}

namespace {

bool IsNear(const PairMeasures& m, const VerifyOptions& o) {
  double shingle_cont = std::max(m.shingle_cont_ab, m.shingle_cont_ba);
  return m.exact || ((m.jaccard >= o.near_jaccard || shingle_cont >= o.near_containment) &&
                     m.cosine >= o.near_min_cosine);
}

}  // namespace

bool NeedsAlignment(const PairMeasures& m, const VerifyOptions& o) {
  return !IsNear(m, o) && m.cosine >= o.paraphrase_cosine &&
         std::max(m.containment_ab, m.containment_ba) >= o.paraphrase_containment;
}

Relation Classify(const PairMeasures& m, const VerifyOptions& o) {
  if (m.exact) return Relation::kExact;
  if (IsNear(m, o)) return Relation::kNear;
  if (!NeedsAlignment(m, o)) return Relation::kNone;
  if (m.aligned_ab >= 0 && std::max(m.aligned_ab, m.aligned_ba) < o.paraphrase_aligned)
    return Relation::kNone;
  return Relation::kParaphrase;
}

void BuildSentenceSets(const AnalyzedText& text, SentenceSets* out) {
  out->offsets.assign(1, 0);
  out->terms.clear();
  const auto& tokens = text.tokens;
  for (size_t i = 0; i < tokens.size();) {
    size_t j = i;
    size_t start = out->terms.size();
    while (j < tokens.size() && tokens[j].sentence == tokens[i].sentence) {
      const Token& t = tokens[j++];
      if ((t.flags & kStopWord) || (t.end - t.begin < 2 && !(t.flags & kNumber))) continue;
      uint32_t term = static_cast<uint32_t>(t.hash);
      out->terms.push_back(term == 0 ? 1 : term);
    }
    std::sort(out->terms.begin() + static_cast<long>(start), out->terms.end());
    out->terms.erase(std::unique(out->terms.begin() + static_cast<long>(start), out->terms.end()),
                     out->terms.end());
    if (out->terms.size() - start >= 3) out->offsets.push_back(static_cast<uint32_t>(out->terms.size()));
    else out->terms.resize(start);
    i = j;
  }
}

double AlignedFraction(const SentenceSets& x, const SentenceSets& y, const Corpus& corpus,
                       double min_overlap) {
  if (x.size() == 0 || y.size() == 0) return 0;
  auto mass = [&](const SentenceSets& s, size_t i) {
    double m = 0;
    for (uint32_t k = s.offsets[i]; k < s.offsets[i + 1]; ++k) m += corpus.idf(s.terms[k]);
    return m;
  };
  std::vector<double> ymass(y.size());
  for (size_t j = 0; j < y.size(); ++j) ymass[j] = mass(y, j);
  size_t aligned = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    double xm = mass(x, i);
    const uint32_t* xb = x.terms.data() + x.offsets[i];
    const uint32_t* xe = x.terms.data() + x.offsets[i + 1];
    for (size_t j = 0; j < y.size(); ++j) {
      const uint32_t* yb = y.terms.data() + y.offsets[j];
      const uint32_t* ye = y.terms.data() + y.offsets[j + 1];
      double shared = 0;
      for (const uint32_t *p = xb, *q = yb; p < xe && q < ye;) {
        if (*p < *q) ++p;
        else if (*p > *q) ++q;
        else shared += corpus.idf(*p), ++p, ++q;
      }
      if (shared >= min_overlap * std::min(xm, ymass[j])) {
        ++aligned;
        break;
      }
    }
  }
  return static_cast<double>(aligned) / static_cast<double>(x.size());
}

}  // namespace copytrail
