#include "copytrail/phrases.h"

#include <atomic>
#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <new>

#include <boost/sort/pdqsort/pdqsort.hpp>

#include "sketch/mix.h"

namespace copytrail {
namespace {

template <typename Fn>
void ForEachBigram(const AnalyzedText& text, Fn fn) {
  const auto& t = text.tokens;
  for (size_t i = 1; i < t.size(); ++i)
    if (t[i].sentence == t[i - 1].sentence) fn((t[i - 1].hash * 0x9E3779B97F4A7C15ULL + t[i].hash) * 0xff51afd7ed558ccdULL);
}

}  // namespace

void SentenceBigrams(const AnalyzedText& text, std::vector<uint64_t>* out) {
  out->clear();
  ForEachBigram(text, [out](uint64_t h) { out->push_back(h); });
  boost::sort::pdqsort_branchless(out->begin(), out->end());
}

void PhraseCounts::Free::operator()(uint8_t* p) const { munmap(p, kBytes); }

PhraseCounts::PhraseCounts() {
  void* p = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  // Counting touches the table at random: with 4 KiB pages nearly every increment is also a TLB
  // miss.
  madvise(p, kBytes, MADV_HUGEPAGE);
  counts_.reset(static_cast<uint8_t*>(p));
}

void PhraseCounts::Add(const AnalyzedText& text) {
  thread_local std::vector<uint32_t> slots;
  slots.clear();
  ForEachBigram(text, [](uint64_t h) { slots.push_back(static_cast<uint32_t>(h >> (64 - kBits))); });
  // Each increment misses the cache: the slots are prefetched a few ahead so that the misses
  // overlap. A relaxed load and store, not an atomic increment, for the same reason: a locked
  // read-modify-write waits for its miss (sketch stage 122 -> 66 MB/s). Two threads racing on
  // one counter may lose an increment, which an approximate count can afford.
  constexpr size_t kAhead = 64;
  for (size_t i = 0; i < slots.size(); ++i) {
    if (i + kAhead < slots.size()) __builtin_prefetch(&counts_[slots[i + kAhead]], 1);
    std::atomic_ref<uint8_t> c(counts_[slots[i]]);
    uint8_t v = c.load(std::memory_order_relaxed);
    if (v != kMaxCount) c.store(v + 1, std::memory_order_relaxed);
  }
}

uint32_t PhraseCounts::count(uint64_t bigram) const {
  return std::atomic_ref<uint8_t>(counts_[bigram >> (64 - kBits)]).load(std::memory_order_relaxed);
}

std::vector<uint32_t> PhraseCounts::counts(const std::vector<uint64_t>& bigrams) const {
  std::vector<uint32_t> out(bigrams.size());
  constexpr size_t kAhead = 16;
  for (size_t i = 0; i < bigrams.size(); ++i) {
    if (i + kAhead < bigrams.size()) __builtin_prefetch(&counts_[bigrams[i + kAhead] >> (64 - kBits)]);
    out[i] = count(bigrams[i]);
  }
  return out;
}

PhrasingGap ComparePhrasing(const PhraseProfile& a, const PhraseProfile& b) {
  PhrasingGap g;
  double sum_a = 0, sum_b = 0;
  size_t i = 0, j = 0;
  const auto &x = a.bigrams, &y = b.bigrams;
  while (i < x.size() && j < y.size()) {
    if (x[i] < y[j]) {
      sum_a += a.commonness[i++];
      ++g.a_only;
    } else if (y[j] < x[i]) {
      sum_b += b.commonness[j++];
      ++g.b_only;
    } else {
      ++i, ++j;
    }
  }
  for (; i < x.size(); ++i, ++g.a_only) sum_a += a.commonness[i];
  for (; j < y.size(); ++j, ++g.b_only) sum_b += b.commonness[j];
  if (g.a_only == 0 || g.b_only == 0) return g;
  g.gap = sum_a / g.a_only - sum_b / g.b_only;
  const double fewer = std::min(g.a_only, g.b_only);
  g.weight = fewer / (fewer + 5.0);
  return g;
}

}  // namespace copytrail
