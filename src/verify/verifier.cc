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
      !in01(paraphrase_cosine) || !in01(paraphrase_containment))
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

Relation Classify(const PairMeasures& m, const VerifyOptions& o) {
  if (m.exact) return Relation::kExact;
  double shingle_cont = std::max(m.shingle_cont_ab, m.shingle_cont_ba);
  if ((m.jaccard >= o.near_jaccard || shingle_cont >= o.near_containment) &&
      m.cosine >= o.near_min_cosine)
    return Relation::kNear;
  double content_cont = std::max(m.containment_ab, m.containment_ba);
  if (m.cosine >= o.paraphrase_cosine && content_cont >= o.paraphrase_containment)
    return Relation::kParaphrase;
  return Relation::kNone;
}

}  // namespace copytrail
