#include "copytrail/shingler.h"

#include <algorithm>

#include "sketch/mix.h"

namespace copytrail {
namespace {

inline uint64_t Rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

}  // namespace

void WordShingles(const std::vector<Token>& tokens, int k, std::vector<uint64_t>* out) {
  out->clear();
  const size_t n = tokens.size();
  if (n == 0) return;
  const size_t kk = std::min<size_t>(static_cast<size_t>(k), n);
  out->reserve(n - kk + 1);
  for (size_t i = 0; i + kk <= n; ++i) {
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (size_t j = 0; j < kk; ++j) h = Rotl(h, 23) * 0x94D049BB133111EBULL ^ tokens[i + j].hash;
    out->push_back(Fmix64(h));
  }
}

void ContentTerms(const std::vector<Token>& tokens, size_t max_terms, std::vector<TermCount>* out) {
  // Occurrences packed as (term << 8 | flags) sort as plain integers, about twice as fast as
  // sorting TermCount structs with a comparator (bench/sketch_bench.cc).
  thread_local std::vector<uint64_t> keys;
  keys.clear();
  for (const Token& t : tokens) {
    if (t.flags & kStopWord) continue;
    if (t.end - t.begin < 2 && !(t.flags & kNumber)) continue;
    uint64_t term = static_cast<uint32_t>(t.hash);
    if (term == 0) term = 1;
    // Single digits ("M-1", "1/2", list numbers) are too common to count as a specific figure.
    uint8_t flags = t.flags & (kNumber | kCapitalized);
    if (t.end - t.begin < 2) flags &= static_cast<uint8_t>(~kNumber);
    keys.push_back(term << 8 | flags);
  }
  std::sort(keys.begin(), keys.end());
  out->clear();
  for (size_t i = 0; i < keys.size();) {
    const uint32_t term = static_cast<uint32_t>(keys[i] >> 8);
    TermCount e{term, 0, 0};
    for (; i < keys.size() && static_cast<uint32_t>(keys[i] >> 8) == term; ++i) {
      if (e.count < 65535) ++e.count;
      e.flags |= static_cast<uint8_t>(keys[i] & 0xFF);
    }
    out->push_back(e);
    if (out->size() == max_terms) break;
  }
}

}  // namespace copytrail
