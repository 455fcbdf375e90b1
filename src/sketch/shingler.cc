#include "copytrail/shingler.h"

#include <algorithm>

#include <boost/sort/pdqsort/pdqsort.hpp>

#include "sketch/mix.h"

namespace copytrail {
void WordShingles(std::span<const Token> tokens, int k, std::vector<uint64_t>* out) {
  out->clear();
  const size_t n = tokens.size();
  if (n == 0) return;
  const size_t kk = std::min<size_t>(static_cast<size_t>(k), n);
  out->reserve(n - kk + 1);
  // A polynomial rolling hash of the word hashes (mod 2^64, odd base): one multiply-add per
  // position instead of combining all k word hashes anew; the finaliser then spreads it. Two
  // different k-grams collide only with probability about 2^-64 over the random word hashes.
  constexpr uint64_t kBase = 0x9E3779B97F4A7C15ULL;
  uint64_t top = 1;  // kBase^(kk - 1)
  for (size_t j = 1; j < kk; ++j) top *= kBase;
  uint64_t h = 0;
  for (size_t j = 0; j < kk; ++j) h = h * kBase + tokens[j].hash;
  out->push_back(Fmix64(h));
  for (size_t i = kk; i < n; ++i) {
    h = (h - tokens[i - kk].hash * top) * kBase + tokens[i].hash;
    out->push_back(Fmix64(h));
  }
}

namespace {
// Marks, while counting, a term seen in lower case; never in the output.
constexpr uint8_t kLowerCaseSeen = 0x80;
}  // namespace

void ContentTerms(std::span<const Token> tokens, size_t max_terms, std::vector<TermCount>* out) {
  // Occurrences are counted in an open-addressing table whose slot is the term's top bits, so
  // reading the table front to back yields the distinct terms already in order but for the few
  // that linear probing moved: an insertion sort finishes the job in about linear time, where a
  // comparison sort of the distinct terms cost a fifth of the sketch stage. Terms are hashes,
  // so their top bits spread evenly. An entry packs term << 32 | count << 8 | flags (0 = empty);
  // the table starts with a slot per token (content terms are at most half the tokens, distinct
  // ones fewer: twice that size cost 2% of the sketch stage in clearing and reading empty slots)
  // and doubles when half full, so a huge document costs memory for its distinct terms only.
  thread_local std::vector<uint64_t> table;
  int bits = 8;
  while ((size_t{1} << bits) < std::min<size_t>(tokens.size(), 1 << 14)) ++bits;
  if (table.size() < (size_t{1} << bits)) table.assign(size_t{1} << bits, 0);
  size_t mask = (size_t{1} << bits) - 1, used = 0;
  auto probe = [&](uint32_t term) {
    size_t slot = term >> (32 - bits);
    while (table[slot] != 0 && table[slot] >> 32 != term) slot = (slot + 1) & mask;
    return slot;
  };
  for (const Token& t : tokens) {
    if (!IsContentToken(t)) continue;
    const uint32_t term = ContentTermOf(t);
    // Single digits ("M-1", "1/2", list numbers) are too common to count as a specific figure.
    uint8_t flags = t.flags & (kNumber | kCapitalized);
    if (t.end - t.begin < 2) flags &= static_cast<uint8_t>(~kNumber);
    if (!(t.flags & (kCapitalized | kSentenceStart))) flags |= kLowerCaseSeen;
    uint64_t& e = table[probe(term)];
    if (e != 0) {
      if (((e >> 8) & 0xFFFF) < 65535) e += 1u << 8;
      e |= flags;
      continue;
    }
    e = uint64_t{term} << 32 | 1u << 8 | flags;
    if (2 * ++used > mask + 1) {
      std::vector<uint64_t> entries;
      entries.reserve(used);
      for (size_t i = 0; i <= mask; ++i)
        if (table[i] != 0) entries.push_back(table[i]), table[i] = 0;
      ++bits;
      if (table.size() < (size_t{1} << bits)) table.assign(size_t{1} << bits, 0);
      mask = (size_t{1} << bits) - 1;
      for (uint64_t entry : entries) table[probe(static_cast<uint32_t>(entry >> 32))] = entry;
    }
  }
  thread_local std::vector<uint64_t> keys;  // term << 24 | count << 8 | flags: sorts by term
  // Without a branch on empty slots, which are as common as full ones and unpredictable.
  keys.resize(mask + 1);
  size_t used_keys = 0;
  for (size_t i = 0; i <= mask; ++i) {
    const uint64_t e = table[i];
    keys[used_keys] = (e >> 32) << 24 | (e & 0xFFFFFF);
    used_keys += e != 0;
    table[i] = 0;
  }
  keys.resize(used_keys);
  for (size_t i = 1; i < keys.size(); ++i) {
    const uint64_t k = keys[i];
    size_t j = i;
    for (; j > 0 && keys[j - 1] > k; --j) keys[j] = keys[j - 1];
    keys[j] = k;
  }
  if (keys.size() > max_terms) keys.resize(max_terms);
  out->clear();
  for (uint64_t k : keys) {
    // A name is capitalised wherever it occurs but at a sentence's start: a word that a headline
    // in capitals or title case capitalised is no name where the story has it in lower case.
    auto flags = static_cast<uint8_t>(k);
    if (flags & kLowerCaseSeen) flags &= static_cast<uint8_t>(~(kCapitalized | kLowerCaseSeen));
    out->push_back({static_cast<uint32_t>(k >> 24), static_cast<uint16_t>(k >> 8), flags});
  }
  if (table.size() > (1u << 20)) std::vector<uint64_t>().swap(table), std::vector<uint64_t>().swap(keys);
}

}  // namespace copytrail
