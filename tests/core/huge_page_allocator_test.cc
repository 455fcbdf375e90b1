#include <catch2/catch.hpp>

#include <cstdint>
#include <numeric>
#include <vector>

#include "copytrail/huge_page_allocator.h"

namespace {

using Array = std::vector<uint64_t, copytrail::HugePageAllocator<uint64_t>>;

// The corpus grows its arrays from a few bytes to gigabytes: blocks on both sides of the 2 MiB
// line come from different allocators and must each go back to their own (ASan checks it).
TEST_CASE("a vector on huge pages keeps its contents across the 2 MiB line both ways", "[core]") {
  Array values;
  const size_t n = size_t{3} << 20 >> 3;  // 3 MiB of values, grown one at a time
  for (size_t i = 0; i < n; ++i) values.push_back(i * 2654435761u);
  REQUIRE(values.capacity() * sizeof(uint64_t) >= (size_t{2} << 20));
  for (size_t i = 0; i < n; i += 4099) REQUIRE(values[i] == i * 2654435761u);

  values.resize(1000);
  values.shrink_to_fit();
  REQUIRE(values.capacity() * sizeof(uint64_t) < (size_t{2} << 20));
  for (size_t i = 0; i < values.size(); ++i) REQUIRE(values[i] == i * 2654435761u);
}

TEST_CASE("huge-page vectors copy and compare like std::vector", "[core]") {
  Array a(size_t{1} << 19);  // 4 MiB
  std::iota(a.begin(), a.end(), uint64_t{7});
  Array b = a;
  REQUIRE(b == a);
  std::vector<uint64_t> plain(a.begin(), a.end());
  REQUIRE(std::equal(plain.begin(), plain.end(), b.begin(), b.end()));
}

}  // namespace
