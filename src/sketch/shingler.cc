#include "copytrail/shingler.h"

#include <algorithm>

#include <boost/sort/pdqsort/pdqsort.hpp>

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
  // Occurrences are counted in an open-addressing table first, so only distinct terms (about
  // two thirds of the occurrences in news) are sorted; packed as term << 24 | count << 8 |
  // flags they sort as plain integers, about twice as fast as TermCount structs with a
  // comparator (bench/sketch_bench.cc). The table is sized for a news article and doubles when
  // half full, so a huge document costs memory for its distinct terms only.
  thread_local std::vector<uint64_t> table;  // term << 32 | count << 8 | flags; 0 = empty
  thread_local std::vector<uint64_t> keys;   // slots in use
  size_t capacity = 1024;
  while (capacity < 2 * std::min<size_t>(tokens.size(), 1 << 14)) capacity *= 2;
  if (table.size() < capacity) table.assign(capacity, 0);
  size_t mask = capacity - 1;
  auto probe = [&](uint32_t term) {
    size_t slot = static_cast<size_t>((term * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
    while (table[slot] != 0 && table[slot] >> 32 != term) slot = (slot + 1) & mask;
    return slot;
  };
  keys.clear();
  for (const Token& t : tokens) {
    if (!IsContentToken(t)) continue;
    const uint32_t term = ContentTermOf(t);
    // Single digits ("M-1", "1/2", list numbers) are too common to count as a specific figure.
    uint8_t flags = t.flags & (kNumber | kCapitalized);
    if (t.end - t.begin < 2) flags &= static_cast<uint8_t>(~kNumber);
    size_t slot = probe(term);
    uint64_t& e = table[slot];
    if (e != 0) {
      if (((e >> 8) & 0xFFFF) < 65535) e += 1u << 8;
      e |= flags;
      continue;
    }
    e = uint64_t{term} << 32 | 1u << 8 | flags;
    keys.push_back(slot);
    if (2 * keys.size() > capacity) {
      std::vector<uint64_t> entries;
      entries.reserve(keys.size());
      for (uint64_t k : keys) entries.push_back(table[k]), table[k] = 0;
      capacity *= 2;
      if (table.size() < capacity) table.assign(capacity, 0);
      mask = capacity - 1;
      keys.clear();
      for (uint64_t entry : entries) {
        size_t s = probe(static_cast<uint32_t>(entry >> 32));
        table[s] = entry;
        keys.push_back(s);
      }
    }
  }
  for (uint64_t& k : keys) {
    uint64_t& e = table[k];
    k = (e >> 32) << 24 | (e & 0xFFFFFF);
    e = 0;
  }
  // Branchless partitioning: about twice std::sort's speed on a few hundred random integers.
  boost::sort::pdqsort_branchless(keys.begin(), keys.end());
  if (keys.size() > max_terms) keys.resize(max_terms);
  out->clear();
  for (uint64_t k : keys)
    out->push_back({static_cast<uint32_t>(k >> 24), static_cast<uint16_t>(k >> 8), static_cast<uint8_t>(k)});
  if (table.size() > (1u << 20)) std::vector<uint64_t>().swap(table), std::vector<uint64_t>().swap(keys);
}

}  // namespace copytrail
