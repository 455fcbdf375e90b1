#pragma once
// Stage 6, verify: exact measures for a candidate pair and the relation they imply.
//
// Guarantees: Measure() is symmetric up to swapping the _ab/_ba fields; Classify() never calls a
// pair related when both its shingle and content evidence are below the documented thresholds.
#include <string>

#include "copytrail/corpus.h"

namespace copytrail {

enum class Relation { kNone = 0, kParaphrase = 1, kNear = 2, kExact = 3 };
const char* RelationName(Relation r);  // "none", "paraphrase", "near-duplicate", "exact"

struct PairMeasures {
  double jaccard = 0;             // word-shingle Jaccard (MinHash estimate)
  double shingle_cont_ab = 0;     // share of a's shingles found in b (estimate)
  double shingle_cont_ba = 0;
  double cosine = 0;              // TF-IDF cosine over content terms
  double containment_ab = 0;      // IDF-weighted share of a's content terms found in b
  double containment_ba = 0;
  bool exact = false;             // same text after normalisation
};

struct VerifyOptions {
  // Near-duplicate: shingle Jaccard at least this, or the smaller document's shingles at least
  // `near_containment` contained in the larger (truncation, boilerplate added).
  double near_jaccard = 0.3;
  double near_containment = 0.6;
  // Both tiers also need this much TF-IDF cosine, so that two texts sharing only site chrome
  // (whose words have low IDF) are not called copies.
  double near_min_cosine = 0.1;
  // Paraphrase: TF-IDF cosine over content terms at least this.
  double paraphrase_cosine = 0.2;
  // ...and the smaller side's content at least this contained in the other (a rewrite keeps
  // the facts of its source; two reports of one event share far fewer).
  double paraphrase_containment = 0.3;

  Status Validate() const;
};

PairMeasures Measure(const Corpus& corpus, DocId a, DocId b);
Relation Classify(const PairMeasures& m, const VerifyOptions& options);

// Similarity used to rank relatives: the stronger of the two tiers' signals.
inline double Similarity(const PairMeasures& m) { return m.jaccard > m.cosine ? m.jaccard : m.cosine; }

struct ScoredPair {
  DocId a, b;  // a < b
  Relation relation;
  PairMeasures measures;
};

}  // namespace copytrail
