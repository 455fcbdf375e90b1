#pragma once
// Stage 7, cluster: groups related documents.
//
// Guarantees: exact and near-duplicate pairs join their documents unconditionally (connected
// components). A paraphrase pair joins two groups only if the average similarity between the
// groups' members is at least `paraphrase_linkage` (average linkage), so one loose rewrite cannot
// chain two unrelated stories together. Clusters are sorted by their smallest DocId, members
// ascending; singletons are not returned.
#include <vector>

#include "copytrail/verifier.h"

namespace copytrail {

struct ClusterOptions {
  double paraphrase_linkage = 0.16;
  size_t linkage_sample = 24;  // members of each side sampled for the average (deterministic)
};

struct ClusterStats {
  uint64_t paraphrase_merges = 0;
  uint64_t paraphrase_rejected = 0;  // paraphrase pairs that would have chained groups
};

std::vector<std::vector<DocId>> BuildClusters(const Corpus& corpus,
                                              const std::vector<ScoredPair>& pairs,
                                              const ClusterOptions& options, ClusterStats* stats);

}  // namespace copytrail
