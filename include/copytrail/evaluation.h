#pragma once
// Scores a scan report against gold labels: clustering (pairwise precision/recall/F1, adjusted
// Rand index) and lineage (edge, direction and root accuracy), broken down by operation.
//
// Gold is either {"clusters": [[id...]], "edges": [[parent, child, operation]], "roots": [...]}
// or labelled pairs {"pairs": [[id1, id2, 0|1]]}. Documents in no cluster are singletons; the
// adjusted Rand index runs over the report's `documents` count.
#include <map>
#include <string>
#include <vector>

#include "copytrail/status.h"

namespace copytrail {

struct GoldEdge {
  std::string parent, child, operation;
};

struct Gold {
  std::vector<std::vector<std::string>> clusters;
  std::vector<GoldEdge> edges;
  std::vector<std::string> roots;
  struct LabelledPair {
    std::string a, b;
    bool same;
  };
  std::vector<LabelledPair> pairs;  // the pairs form of gold
};

struct PredictedParent {
  std::string id;
  double confidence = 1;  // of the edge; a report that gives none is taken as sure
};

struct PredictedTree {
  std::vector<std::vector<std::string>> clusters;
  std::map<std::string, PredictedParent> parent;  // by child
  std::vector<std::string> roots;
  size_t documents = 0;
};

struct OperationScore {
  size_t edges = 0;
  size_t clustered = 0;        // child in the same predicted cluster as its gold parent
  size_t edge_correct = 0;     // predicted parent = gold parent
  size_t direction_correct = 0;// predicted parent is a gold ancestor
};

// Why gold roots were not predicted as roots: the first thing to know when tuning lineage.
struct RootMisses {
  // The report's own confidence below which it was close to unsure (0.5 is a coin flip).
  static constexpr double kUnsure = 0.6;
  size_t unclustered = 0;  // in no predicted cluster: a recall miss, not a lineage one
  size_t unsure = 0;       // given a parent by an edge of confidence below kUnsure
  size_t confident = 0;    // given a parent by an edge of confidence kUnsure or more

  size_t total() const { return unclustered + unsure + confident; }
};

struct Evaluation {
  double pair_precision = 0, pair_recall = 0, pair_f1 = 0, ari = 0;
  double edge_accuracy = 0;       // gold edges whose child got exactly the gold parent
  double direction_accuracy = 0;  // gold edges whose child's predicted parent is a gold ancestor
  double root_accuracy = 0;       // gold roots predicted as the root of their cluster
  size_t gold_pairs = 0, predicted_pairs = 0, true_pairs = 0;
  size_t gold_edges = 0, gold_roots = 0;
  bool has_lineage = false;
  RootMisses root_misses;
  std::map<std::string, OperationScore> by_operation;
};

Result<Gold> ParseGold(const std::string& json_text);
Result<PredictedTree> ParseReport(const std::string& json_text);
Evaluation Evaluate(const Gold& gold, const PredictedTree& predicted);

}  // namespace copytrail
