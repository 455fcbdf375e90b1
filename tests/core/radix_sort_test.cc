#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "core/radix_sort.h"

using copytrail::RadixSort;

namespace {

// Both ways of sorting: with a buffer, and partitioned in place first (which large inputs use).
template <typename Key>
void RequireSortsLikeStdSort(const std::vector<Key>& keys) {
  std::vector<Key> expected = keys;
  std::sort(expected.begin(), expected.end());
  for (size_t in_place_from : {size_t{1} << 24, size_t{0}}) {
    std::vector<Key> sorted = keys;
    RadixSort(&sorted, in_place_from);
    REQUIRE(sorted == expected);
  }
}

}  // namespace

TEST_CASE("radix sort orders keys as std::sort does", "[core]") {
  std::mt19937_64 rng(7);
  for (size_t n : {5000, 300000}) {
    std::vector<uint64_t> wide(n);
    for (auto& k : wide) k = rng();
    RequireSortsLikeStdSort(wide);
    std::vector<uint32_t> narrow(n);
    for (auto& k : narrow) k = static_cast<uint32_t>(rng() % 3000);  // repeated small keys
    RequireSortsLikeStdSort(narrow);
    std::vector<uint64_t> packed;  // pairs packed high/low, as the candidate stage does
    for (size_t i = 0; i < n; ++i) packed.push_back((rng() % 100) << 32 | (rng() % 5000));
    RequireSortsLikeStdSort(packed);
    std::vector<uint32_t> skewed(n);  // most keys in one part
    for (auto& k : skewed) k = rng() % 10 ? 7 : static_cast<uint32_t>(rng());
    RequireSortsLikeStdSort(skewed);
  }
  RequireSortsLikeStdSort(std::vector<uint32_t>{});
  RequireSortsLikeStdSort(std::vector<uint32_t>{42});
  RequireSortsLikeStdSort(std::vector<uint32_t>(1000, 5));
}
