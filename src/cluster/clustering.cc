#include "copytrail/clustering.h"

#include <algorithm>
#include <numeric>

namespace copytrail {
namespace {

class DisjointSets {
 public:
  explicit DisjointSets(size_t n) : parent_(n), members_(n) {
    std::iota(parent_.begin(), parent_.end(), 0);
    for (size_t i = 0; i < n; ++i) members_[i] = {static_cast<DocId>(i)};
  }
  DocId Find(DocId x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Union(DocId a, DocId b) {
    a = Find(a), b = Find(b);
    if (a == b) return;
    if (members_[a].size() < members_[b].size()) std::swap(a, b);
    parent_[b] = a;
    members_[a].insert(members_[a].end(), members_[b].begin(), members_[b].end());
    members_[b].clear();
    members_[b].shrink_to_fit();
  }
  const std::vector<DocId>& Members(DocId root) const { return members_[root]; }

 private:
  std::vector<DocId> parent_;
  std::vector<std::vector<DocId>> members_;
};

// Evenly spaced members, so large groups cost a bounded number of comparisons.
std::vector<DocId> Sample(const std::vector<DocId>& members, size_t k) {
  if (members.size() <= k) return members;
  std::vector<DocId> out;
  for (size_t i = 0; i < k; ++i) out.push_back(members[i * members.size() / k]);
  return out;
}

}  // namespace

std::vector<std::vector<DocId>> BuildClusters(const Corpus& corpus,
                                              const std::vector<ScoredPair>& pairs,
                                              const ClusterOptions& options, ClusterStats* stats) {
  DisjointSets sets(corpus.size());
  std::vector<const ScoredPair*> paraphrase;
  for (const ScoredPair& p : pairs) {
    if (p.relation == Relation::kExact || p.relation == Relation::kNear) sets.Union(p.a, p.b);
    else if (p.relation == Relation::kParaphrase) paraphrase.push_back(&p);
  }
  std::sort(paraphrase.begin(), paraphrase.end(), [](const ScoredPair* x, const ScoredPair* y) {
    return x->measures.cosine != y->measures.cosine ? x->measures.cosine > y->measures.cosine
                                                    : std::tie(x->a, x->b) < std::tie(y->a, y->b);
  });
  for (const ScoredPair* p : paraphrase) {
    DocId ra = sets.Find(p->a), rb = sets.Find(p->b);
    if (ra == rb) continue;
    auto sa = Sample(sets.Members(ra), options.linkage_sample);
    auto sb = Sample(sets.Members(rb), options.linkage_sample);
    double sum = 0;
    for (DocId x : sa)
      for (DocId y : sb) sum += Similarity(Measure(corpus, x, y));
    if (sum / static_cast<double>(sa.size() * sb.size()) >= options.paraphrase_linkage) {
      sets.Union(ra, rb);
      ++stats->paraphrase_merges;
    } else {
      ++stats->paraphrase_rejected;
    }
  }
  std::vector<std::vector<DocId>> clusters;
  for (DocId d = 0; d < corpus.size(); ++d) {
    if (sets.Find(d) != d || sets.Members(d).size() < 2) continue;
    auto members = sets.Members(d);
    std::sort(members.begin(), members.end());
    clusters.push_back(std::move(members));
  }
  std::sort(clusters.begin(), clusters.end(),
            [](const auto& x, const auto& y) { return x.front() < y.front(); });
  return clusters;
}

}  // namespace copytrail
