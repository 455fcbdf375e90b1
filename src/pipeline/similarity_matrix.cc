#include "pipeline/similarity_matrix.h"

#include <Eigen/SparseCore>
#include <algorithm>

namespace copytrail {

std::vector<CandidatePair> AllPairsAboveCosine(const Corpus& corpus, const std::vector<DocId>& docs,
                                               double min_cosine) {
  std::vector<Eigen::Triplet<float>> triplets;
  for (size_t row = 0; row < docs.size(); ++row) {
    auto terms = corpus.terms(docs[row]);
    auto weights = corpus.weights(docs[row]);
    for (size_t i = 0; i < terms.size(); ++i)
      triplets.emplace_back(static_cast<int>(row), static_cast<int>(terms[i]), weights[i]);
  }
  Eigen::SparseMatrix<float, Eigen::RowMajor> x(static_cast<Eigen::Index>(docs.size()),
                                                static_cast<Eigen::Index>(corpus.vocabulary_size()));
  x.setFromTriplets(triplets.begin(), triplets.end());
  Eigen::SparseMatrix<float, Eigen::RowMajor> xt = x.transpose();
  // pruned() drops small products while multiplying, so the result stays as sparse as the answer.
  Eigen::SparseMatrix<float, Eigen::RowMajor> sim =
      (x * xt).pruned(static_cast<float>(min_cosine), 1.0f);
  std::vector<CandidatePair> out;
  for (Eigen::Index r = 0; r < sim.outerSize(); ++r) {
    for (Eigen::SparseMatrix<float, Eigen::RowMajor>::InnerIterator it(sim, r); it; ++it) {
      if (it.col() <= r || it.value() < min_cosine) continue;
      out.emplace_back(docs[static_cast<size_t>(r)], docs[static_cast<size_t>(it.col())]);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace copytrail
