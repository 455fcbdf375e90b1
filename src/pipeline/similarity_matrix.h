#pragma once
// All-pairs TF-IDF cosine for small corpora, as one sparse matrix product (Eigen).
#include <vector>

#include "copytrail/lsh_index.h"

namespace copytrail {

// Pairs of `docs` whose content-term cosine is at least `min_cosine`. Sorted, unique.
std::vector<CandidatePair> AllPairsAboveCosine(const Corpus& corpus, const std::vector<DocId>& docs,
                                               double min_cosine);

}  // namespace copytrail
