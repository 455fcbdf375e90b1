#include "copytrail/lsh_index.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <mutex>

#include <boost/sort/pdqsort/pdqsort.hpp>

#include "core/radix_sort.h"

namespace copytrail {
namespace {

double Integrate(double lo, double hi, auto f) {
  constexpr int kSteps = 200;
  double step = (hi - lo) / kSteps, sum = 0;
  for (int i = 0; i < kSteps; ++i) sum += f(lo + (i + 0.5) * step) * step;
  return sum;
}

void AppendBucketPairs(std::vector<DocId>& bucket, size_t max_bucket,
                       std::vector<CandidatePair>* out, CandidateStats* local) {
  local->largest_bucket = std::max<uint64_t>(local->largest_bucket, bucket.size());
  if (bucket.size() > max_bucket) {
    // An oversized bucket is almost always shared boilerplate or mass copies: a chain keeps the
    // copies connected for verification at linear cost.
    ++local->capped_buckets;
    for (size_t i = 0; i + 1 < bucket.size(); ++i) out->emplace_back(bucket[i], bucket[i + 1]);
    return;
  }
  for (size_t i = 0; i < bucket.size(); ++i)
    for (size_t j = i + 1; j < bucket.size(); ++j) out->emplace_back(bucket[i], bucket[j]);
}

// Pairs as one integer each, `first` in the high half, so that their order is the pairs' order.
uint64_t Pack(uint32_t first, uint32_t second) { return uint64_t{first} << 32 | second; }

void SortUnique(std::vector<CandidatePair>* pairs) {
  std::vector<uint64_t> packed;
  packed.reserve(pairs->size());
  for (auto [a, b] : *pairs) packed.push_back(Pack(a, b));
  RadixSort(&packed);
  packed.erase(std::unique(packed.begin(), packed.end()), packed.end());
  pairs->resize(packed.size());
  for (size_t i = 0; i < packed.size(); ++i)
    (*pairs)[i] = {static_cast<DocId>(packed[i] >> 32), static_cast<DocId>(packed[i])};
}

}  // namespace

Status LshOptions::Validate() const {
  if (threshold <= 0 || threshold >= 1)
    return Status::InvalidArgument("LSH threshold must be in (0, 1), got " +
                                   std::to_string(threshold));
  if ((bands == 0) != (rows == 0))
    return Status::InvalidArgument("set both bands and rows, or neither");
  if (bands * rows > kSignatureSize)
    return Status::InvalidArgument("bands*rows = " + std::to_string(bands * rows) +
                                   " exceeds the signature size " +
                                   std::to_string(kSignatureSize));
  if (max_bucket < 2) return Status::InvalidArgument("max_bucket must be at least 2");
  return Status::Ok();
}

std::pair<int, int> ChooseBands(double threshold) {
  double best = 1e9;
  std::pair<int, int> choice{1, kSignatureSize};
  for (int b = 1; b <= kSignatureSize; ++b) {
    for (int r = 1; b * r <= kSignatureSize; ++r) {
      auto p = [&](double s) { return 1 - std::pow(1 - std::pow(s, r), b); };
      double fp = Integrate(0, threshold, p);
      double fn = Integrate(threshold, 1, [&](double s) { return 1 - p(s); });
      // False negatives are weighted up: a missed copy is not recoverable, a false candidate
      // only costs a verification.
      double err = 0.3 * fp + 0.7 * fn;
      if (err < best) best = err, choice = {b, r};
    }
  }
  return choice;
}

std::vector<CandidatePair> LshCandidates(const Corpus& corpus, const std::vector<DocId>& docs,
                                         const LshOptions& options, CandidateStats* stats) {
  auto [bands, rows] = options.bands ? std::pair{options.bands, options.rows}
                                     : ChooseBands(options.threshold);
  stats->bands = bands;
  stats->rows = rows;
  std::vector<CandidatePair> all;
  std::mutex mu;
  tbb::parallel_for(0, bands, [&](int band) {
    // (band hash, document) as one 128-bit integer: sorting those is a branchless pdqsort over
    // plain compares, where pairs cost a mispredicted branch per comparison (the same order).
    using Key = unsigned __int128;
    std::vector<Key> keys;
    keys.reserve(docs.size());
    for (DocId d : docs) {
      const auto& v = corpus.signature(d).v;
      uint64_t h = 0x9E3779B97F4A7C15ULL * (band + 1);
      for (int r = 0; r < rows; ++r) h = (h ^ v[band * rows + r]) * 0xff51afd7ed558ccdULL;
      keys.push_back(Key{h ^ (h >> 29)} << 32 | d);
    }
    boost::sort::pdqsort_branchless(keys.begin(), keys.end());
    auto bucket_of = [](Key k) { return static_cast<uint64_t>(k >> 32); };
    std::vector<CandidatePair> local;
    CandidateStats local_stats;
    std::vector<DocId> bucket;
    for (size_t i = 0; i < keys.size();) {
      size_t j = i;
      bucket.clear();
      while (j < keys.size() && bucket_of(keys[j]) == bucket_of(keys[i]))
        bucket.push_back(static_cast<DocId>(keys[j++]));
      if (bucket.size() > 1) AppendBucketPairs(bucket, options.max_bucket, &local, &local_stats);
      i = j;
    }
    std::lock_guard lock(mu);
    all.insert(all.end(), local.begin(), local.end());
    stats->capped_buckets += local_stats.capped_buckets;
    stats->largest_bucket = std::max(stats->largest_bucket, local_stats.largest_bucket);
  });
  SortUnique(&all);
  stats->lsh_pairs = all.size();
  return all;
}

std::vector<CandidatePair> ParaphraseCandidates(const Corpus& corpus,
                                                const std::vector<DocId>& docs,
                                                const ParaphraseCandidateOptions& options,
                                                bool shared_subject, CandidateStats* stats) {
  // Each document's top terms by TF-IDF weight, in k slots a document. The postings below number
  // the slots in 32 bits: beyond 16 million documents that bounds k.
  const size_t k = std::max<size_t>(1, std::min<size_t>({options.top_terms, 255, 0xFFFFFFFFu / std::max<size_t>(1, docs.size())}));
  constexpr uint32_t kNoTerm = ~0u;  // an unused top slot
  std::vector<uint32_t> top(docs.size() * k, kNoTerm);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, docs.size(), 256), [&](auto range) {
    std::vector<std::pair<float, uint32_t>> ranked;
    for (size_t i = range.begin(); i < range.end(); ++i) {
      auto terms = corpus.terms(docs[i]);
      auto weights = corpus.weights(docs[i]);
      ranked.clear();
      // A term no other text holds cannot pair this one with anything; letting it take a
      // top slot (a typo, a rewrite's new word) would crowd out the terms that can.
      for (size_t t = 0; t < terms.size(); ++t)
        if (corpus.term_df(terms[t]) >= 2) ranked.emplace_back(-weights[t], terms[t]);
      size_t keep = std::min(k, ranked.size());
      // Only which terms make the top counts, not their order: a selection, not a sort.
      std::nth_element(ranked.begin(), ranked.begin() + static_cast<long>(keep), ranked.end());
      for (size_t t = 0; t < keep; ++t) top[i * k + t] = ranked[t].second;
    }
  });
  // Postings grouped by term: the top slots of each term in ascending order (slot i is document
  // i / k's term i % k, so that is document order), by a counting sort on the term ids, which are
  // dense below the vocabulary's size. A radix sort of (term, slot) keys took five passes over
  // them, serial: the candidate stage's largest serial part on the shared corpora. Terms too
  // common to discriminate are dropped, which bounds the work per document by
  // top_terms * max_posting.
  std::vector<uint32_t> first(corpus.vocabulary_size() + 1, 0);
  for (uint32_t term : top)
    if (term != kNoTerm) ++first[term + 1];
  for (size_t t = 0; t + 1 < first.size(); ++t) first[t + 1] += first[t];
  std::vector<uint32_t> by_term(first.back());
  {
    std::vector<uint32_t> next(first.begin(), first.end() - 1);
    for (size_t i = 0; i < top.size(); ++i)
      if (top[i] != kNoTerm) by_term[next[top[i]]++] = static_cast<uint32_t>(i);
  }
  auto high = [](uint64_t x) { return static_cast<uint32_t>(x >> 32); };
  auto low = [](uint64_t x) { return static_cast<uint32_t>(x); };
  // Each pair is counted from its earlier document, so a document only needs the postings after
  // its own in each of its terms' runs (half of them on average): `after[i * k + t]` is the
  // position just past document i's own posting of its term t. A posting packs the end of its
  // run with the document.
  constexpr uint32_t kNotIndexed = ~0u;
  std::vector<uint32_t> after(top.size(), kNotIndexed);
  std::vector<uint64_t> postings;
  postings.reserve(by_term.size());
  for (size_t t = 0; t + 1 < first.size(); ++t) {
    const size_t run = first[t + 1] - first[t];
    if (run > options.max_posting) {
      ++stats->skipped_terms;
    } else if (run > 1) {
      const auto run_end = static_cast<uint32_t>(postings.size() + run);
      for (uint32_t x = first[t]; x < first[t + 1]; ++x) {
        const uint32_t slot = by_term[x];
        after[slot] = static_cast<uint32_t>(postings.size() + 1);
        postings.push_back(Pack(run_end, static_cast<uint32_t>(slot / k)));
      }
    }
  }
  std::vector<uint32_t>().swap(top);
  // For each document, count the later documents it shares top terms with.
  std::mutex mu;
  std::vector<CandidatePair> out;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, docs.size(), 256), [&](auto range) {
    std::vector<CandidatePair> local;
    // Shared-term counts per later document in a dense array (at most 255 per pair fits a byte):
    // a sort of the thousands of postings a document touches cost more than the counting.
    thread_local std::vector<uint8_t> shared;
    shared.resize(docs.size());
    std::vector<uint32_t> touched;
    for (size_t i = range.begin(); i < range.end(); ++i) {
      touched.clear();
      for (size_t t = 0; t < k; ++t) {
        const uint32_t begin = after[i * k + t];
        if (begin == kNotIndexed) continue;
        for (uint32_t p = begin, end = high(postings[begin - 1]); p < end; ++p) {
          const uint32_t other = low(postings[p]);
          if (shared[other]++ == 0) touched.push_back(other);
        }
      }
      for (uint32_t other : touched) {
        if (shared[other] >= options.min_shared_terms &&
            (!shared_subject || corpus.SharesSubject(docs[i], docs[other])))
          local.emplace_back(docs[i], docs[other]);
        shared[other] = 0;
      }
    }
    std::lock_guard lock(mu);
    out.insert(out.end(), local.begin(), local.end());
  });
  SortUnique(&out);
  stats->paraphrase_pairs = out.size();
  return out;
}

}  // namespace copytrail
