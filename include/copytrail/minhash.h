#pragma once
// Stage 4, sketch: MinHash signatures of shingle sets.
//
// Variant: one-permutation hashing (Li, Owen & Zhang 2012) with optimal densification
// (Shrivastava 2017). Each shingle hash is split once: its top 7 bits pick one of 128 bins and
// its low 32 bits compete for that bin's minimum; empty bins borrow the value of a bin chosen by
// a fixed pseudo-random probe sequence, the same for every document, so two documents agree on a
// bin with probability equal to their Jaccard similarity. That is one table update per shingle
// instead of 128 (bench/minhash_bench.cc measures both).
#include <array>
#include <cstddef>
#include <cstdint>

namespace copytrail {

inline constexpr int kSignatureSize = 128;

struct Signature {
  std::array<uint32_t, kSignatureSize> v;
};

// Computes the signature of the shingle hashes [shingles, shingles + n). Repeats are harmless.
// With n == 0 every bin is 0xFFFFFFFF (such documents are never compared).
void ComputeSignature(const uint64_t* shingles, size_t n, Signature* out);

// Classic K-permutation MinHash with the same output type, kept as the micro benchmark's
// reference and the estimator test's control.
void ComputeSignatureKPerm(const uint64_t* shingles, size_t n, Signature* out);

// Fraction of agreeing bins: an unbiased estimate of the Jaccard similarity.
double EstimateJaccard(const Signature& a, const Signature& b);

}  // namespace copytrail
