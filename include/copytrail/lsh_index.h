#pragma once
// Stage 5, candidates: which pairs are worth verifying.
//
// Guarantees: every pair whose MinHash signatures agree on all rows of at least one band is
// returned (no false negatives for that criterion), unless it only meets in a bucket that is over
// `max_bucket`; such buckets are linked as a chain of neighbours (linear, never quadratic) and
// counted in the stats. The paraphrase tier returns pairs that share at least
// `min_shared_terms` of their `top_terms` highest-weighted content terms.
#include <cstdint>
#include <utility>
#include <vector>

#include "copytrail/corpus.h"

namespace copytrail {

using CandidatePair = std::pair<DocId, DocId>;  // first < second

struct LshOptions {
  // Jaccard similarity at which a pair should become a candidate with probability about 1/2.
  double threshold = 0.3;
  int bands = 0;  // 0: chosen from threshold (see ChooseBands)
  int rows = 0;
  size_t max_bucket = 2000;

  Status Validate() const;
};

// Bands b and rows r (b * r <= 128) minimising the weighted false-positive plus false-negative
// area under the S-curve 1 - (1 - s^r)^b around `threshold`, as datasketch does.
std::pair<int, int> ChooseBands(double threshold);

struct ParaphraseCandidateOptions {
  size_t top_terms = 24;        // highest TF-IDF terms of each document that are indexed (<= 255)
  int min_shared_terms = 3;     // of those, how many a pair must share
  size_t max_posting = 200;     // terms in more documents than this are not indexed
};

struct CandidateStats {
  int bands = 0, rows = 0;
  uint64_t lsh_pairs = 0;
  uint64_t capped_buckets = 0;
  uint64_t largest_bucket = 0;
  uint64_t paraphrase_pairs = 0;
  uint64_t skipped_terms = 0;  // terms too common to index
};

// Candidate pairs among `docs` by LSH banding over their signatures. Sorted, unique.
std::vector<CandidatePair> LshCandidates(const Corpus& corpus, const std::vector<DocId>& docs,
                                         const LshOptions& options, CandidateStats* stats);

// Candidate pairs among `docs` that share rare content terms. Sorted, unique. With
// `shared_subject`, only the pairs that also share a subject (Corpus::SharesSubject): the caller's
// verification rule (VerifyOptions::shared_subject) would reject the others, half the candidates
// on the shared corpora, which then need no measuring.
std::vector<CandidatePair> ParaphraseCandidates(const Corpus& corpus,
                                                const std::vector<DocId>& docs,
                                                const ParaphraseCandidateOptions& options,
                                                bool shared_subject, CandidateStats* stats);

}  // namespace copytrail
