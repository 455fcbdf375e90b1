#pragma once
// Sorting of plain unsigned integer keys (term hashes, line hashes, packed pairs), which the
// corpus and the candidate stages do with millions of keys, in place and in parallel.
//
// Least-significant-digit radix sort, 11 bits a pass, with a buffer as large as the input: on
// 3.6M term hashes it took 36-41 ms where tbb::parallel_sort on two cores took 105 ms and Boost's
// spreadsort 92 ms. From `in_place_from` keys on, the buffer would cost too much memory (the term
// counts of a million documents sort 340 MB of keys), so the keys are first partitioned in place
// (American flag sort) on the 11 highest bits that vary and each part is then sorted with a
// buffer of its own size, the parts in parallel (57 ms on the 3.6M hashes).
#include <array>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

#include <tbb/parallel_for.h>

namespace copytrail {

namespace radix_internal {

constexpr int kBits = 11;
constexpr size_t kBuckets = size_t{1} << kBits;

// LSD radix sort of [first, first + n) on the bits below `bits`, using `buffer` (resized to n).
template <typename Key>
void LsdSort(Key* first, size_t n, int bits, std::vector<Key>* buffer) {
  if (n < 2 || bits <= 0) return;
  const int passes = (bits + kBits - 1) / kBits;
  // One read of the keys counts every pass's digits.
  std::vector<std::array<size_t, kBuckets>> counts(static_cast<size_t>(passes));
  for (auto& c : counts) c.fill(0);
  for (size_t i = 0; i < n; ++i)
    for (int p = 0; p < passes; ++p) ++counts[p][(first[i] >> (p * kBits)) & (kBuckets - 1)];
  buffer->resize(n);
  Key* from = first;
  Key* to = buffer->data();
  for (int p = 0; p < passes; ++p) {
    auto& c = counts[p];
    // A digit that all keys share (high bits of small keys) would only copy the keys.
    if (c[(first[0] >> (p * kBits)) & (kBuckets - 1)] == n) continue;
    size_t sum = 0;
    for (size_t& count : c) sum += std::exchange(count, sum);
    for (size_t i = 0; i < n; ++i) to[c[(from[i] >> (p * kBits)) & (kBuckets - 1)]++] = from[i];
    std::swap(from, to);
  }
  if (from != first) std::copy(from, from + n, first);
}

}  // namespace radix_internal

template <typename Key>
void RadixSort(std::vector<Key>* keys, size_t in_place_from = size_t{1} << 24) {
  static_assert(std::is_unsigned_v<Key>);
  using namespace radix_internal;
  const size_t n = keys->size();
  if (n < in_place_from) {
    std::vector<Key> buffer;
    LsdSort(keys->data(), n, 8 * sizeof(Key), &buffer);
    return;
  }
  Key all = 0;
  for (Key k : *keys) all |= k;
  int top = 0;  // bits in use
  while (top < static_cast<int>(8 * sizeof(Key)) && (all >> top) != 0) ++top;
  const int shift = top > kBits ? top - kBits : 0;
  auto digit = [shift](Key k) { return static_cast<size_t>(k >> shift) & (kBuckets - 1); };

  std::array<size_t, kBuckets + 1> begin{};
  for (Key k : *keys) ++begin[digit(k) + 1];
  for (size_t b = 0; b < kBuckets; ++b) begin[b + 1] += begin[b];
  // In-place permutation: each key displaced from its place is carried on to its own bucket's
  // next free slot until a key for the current bucket comes back.
  std::array<size_t, kBuckets> next;
  std::copy(begin.begin(), begin.end() - 1, next.begin());
  Key* data = keys->data();
  for (size_t b = 0; b < kBuckets; ++b) {
    while (next[b] < begin[b + 1]) {
      Key k = data[next[b]];
      for (size_t d = digit(k); d != b; d = digit(k)) std::swap(k, data[next[d]++]);
      data[next[b]++] = k;
    }
  }
  tbb::parallel_for(tbb::blocked_range<size_t>(0, kBuckets, 16), [&](const auto& range) {
    std::vector<Key> buffer;
    for (size_t b = range.begin(); b < range.end(); ++b)
      LsdSort(data + begin[b], begin[b + 1] - begin[b], shift, &buffer);
  });
}

}  // namespace copytrail
