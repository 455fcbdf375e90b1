#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "core/radix_sort.h"

using copytrail::RadixSort;

namespace {

template <typename Key>
void RequireSortsLikeStdSort(std::vector<Key> keys) {
  std::vector<Key> expected = keys;
  std::sort(expected.begin(), expected.end());
  RadixSort(&keys);
  REQUIRE(keys == expected);
}

}  // namespace

TEST_CASE("radix sort orders keys as std::sort does", "[core]") {
  std::mt19937_64 rng(7);
  std::vector<uint64_t> wide(50000);
  for (auto& k : wide) k = rng();
  RequireSortsLikeStdSort(wide);
  std::vector<uint32_t> narrow(50000);
  for (auto& k : narrow) k = static_cast<uint32_t>(rng() % 3000);  // repeated small keys
  RequireSortsLikeStdSort(narrow);
  std::vector<uint64_t> packed;  // pairs packed high/low, as the candidate stage does
  for (int i = 0; i < 20000; ++i) packed.push_back((rng() % 100) << 32 | (rng() % 5000));
  RequireSortsLikeStdSort(packed);
  RequireSortsLikeStdSort(std::vector<uint32_t>{});
  RequireSortsLikeStdSort(std::vector<uint32_t>{42});
  RequireSortsLikeStdSort(std::vector<uint32_t>(1000, 5));
}
