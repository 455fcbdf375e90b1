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
  out->numeric.clear();
  std::vector<std::pair<uint32_t, uint8_t>> sentence;
  const auto& tokens = text.tokens;
  for (size_t i = 0; i < tokens.size();) {
    size_t j = i;
    sentence.clear();
    while (j < tokens.size() && tokens[j].sentence == tokens[i].sentence) {
      const Token& t = tokens[j++];
      if ((t.flags & kStopWord) || (t.end - t.begin < 2 && !(t.flags & kNumber))) continue;
      uint32_t term = static_cast<uint32_t>(t.hash);
      sentence.emplace_back(term == 0 ? 1 : term, (t.flags & kNumber) ? 1 : 0);
    }
    std::sort(sentence.begin(), sentence.end());
    sentence.erase(std::unique(sentence.begin(), sentence.end(),
                               [](const auto& x, const auto& y) { return x.first == y.first; }),
                   sentence.end());
    if (sentence.size() >= 3) {
      for (const auto& [term, numeric] : sentence) {
        out->terms.push_back(term);
        out->numeric.push_back(numeric);
      }
      out->offsets.push_back(static_cast<uint32_t>(out->terms.size()));
    }
    i = j;
  }
}

double AlignedFraction(const SentenceSets& x, const SentenceSets& y, const Corpus& corpus,
                       double min_overlap) {
  if (x.size() == 0 || y.size() == 0) return 0;
  size_t aligned = 0;
  std::vector<double> idf;
  std::vector<uint8_t> prev, cur;  // which of x's terms sentence j-1 / j of y holds
  for (size_t i = 0; i < x.size(); ++i) {
    const uint32_t* xb = x.terms.data() + x.offsets[i];
    const uint8_t* x_numeric = x.numeric.data() + x.offsets[i];
    const size_t nx = x.offsets[i + 1] - x.offsets[i];
    bool has_numbers = std::any_of(x_numeric, x_numeric + nx, [](uint8_t v) { return v != 0; });
    idf.resize(nx);
    double xm = 0;
    for (size_t k = 0; k < nx; ++k) xm += idf[k] = corpus.idf(xb[k]);
    prev.assign(nx, 0);
    for (size_t j = 0; j < y.size(); ++j) {
      const uint32_t* yb = y.terms.data() + y.offsets[j];
      const uint32_t* ye = y.terms.data() + y.offsets[j + 1];
      cur.assign(nx, 0);
      const uint32_t* q = yb;
      for (size_t k = 0; k < nx && q < ye;) {
        if (xb[k] < *q) ++k;
        else if (xb[k] > *q) ++q;
        else cur[k] = 1, ++k, ++q;
      }
      // A rewrite merges and splits sentences, so x may be covered by two neighbours of y.
      double alone = 0, with_prev = 0;
      bool number_alone = false, number_with_prev = false;
      for (size_t k = 0; k < nx; ++k) {
        alone += cur[k] * idf[k];
        with_prev += (cur[k] | prev[k]) * idf[k];
        number_alone |= cur[k] && x_numeric[k];
        number_with_prev |= (cur[k] | prev[k]) && x_numeric[k];
      }
      bool ok_alone = alone >= min_overlap * xm && (!has_numbers || number_alone);
      bool ok_with_prev = with_prev >= min_overlap * xm && (!has_numbers || number_with_prev);
      if (ok_alone || ok_with_prev) {
        ++aligned;
        break;
      }
      prev.swap(cur);
    }
  }
  // One sentence of doubt in the denominator: two of three sentences aligning by chance is
  // common between short reports of one event, twenty of thirty is not.
  return static_cast<double>(aligned) / static_cast<double>(x.size() + 1);
}

}  // namespace copytrail
