#include <catch2/catch.hpp>

#include "copytrail/shingler.h"

using namespace copytrail;

namespace {

std::vector<uint64_t> Shingles(const std::string& text, int k) {
  AnalyzedText a;
  Analyze(text, &a);
  std::vector<uint64_t> out;
  WordShingles(a.tokens, k, &out);
  return out;
}

}  // namespace

TEST_CASE("word shingles depend on the words in order", "[shingle]") {
  auto a = Shingles("the quick brown fox jumps over the lazy dog", 5);
  CHECK(a.size() == 5);
  auto b = Shingles("THE QUICK, brown fox -- jumps over the lazy dog!", 5);
  CHECK(a == b);
  auto c = Shingles("the quick brown fox leaps over the lazy dog", 5);
  CHECK(c[0] != a[0]);
  CHECK(Shingles("quick the brown fox jumps", 5) != Shingles("the quick brown fox jumps", 5));
}

TEST_CASE("short texts give one shingle of all their words", "[shingle]") {
  CHECK(Shingles("just three words", 5).size() == 1);
  CHECK(Shingles("", 5).empty());
}

TEST_CASE("content terms drop stop words and count repeats", "[shingle]") {
  AnalyzedText a;
  Analyze("The minister said the minister will visit Geneva in 2025.", &a);
  std::vector<TermCount> terms;
  ContentTerms(a.tokens, 100, &terms);
  // minister (x2), visit, geneva, 2025
  REQUIRE(terms.size() == 4);
  int total = 0, numbers = 0, names = 0;
  for (const auto& t : terms) {
    total += t.count;
    numbers += (t.flags & kNumber) != 0;
    names += (t.flags & kCapitalized) != 0;
  }
  CHECK(total == 5);
  CHECK(numbers == 1);
  CHECK(names == 1);
}

TEST_CASE("addresses are shingled but are not content terms", "[shingle]") {
  // Two replies quoting one author share his address; it says nothing of what either is about.
  AnalyzedText a, b;
  Analyze("jmd@cube.example.com writes: rates rise", &a);
  Analyze("writes: rates rise", &b);
  std::vector<TermCount> with_address, without;
  ContentTerms(a.tokens, 100, &with_address);
  ContentTerms(b.tokens, 100, &without);
  CHECK(with_address.size() == without.size());
  std::vector<uint64_t> shingles_a, shingles_b;
  WordShingles(a.tokens, 2, &shingles_a);
  WordShingles(b.tokens, 2, &shingles_b);
  CHECK(shingles_a.size() == shingles_b.size() + 4);
}

TEST_CASE("content terms of long documents are a consistent sample", "[shingle]") {
  std::string text;
  for (int i = 0; i < 300; ++i) text += "word" + std::to_string(i) + "x ";
  AnalyzedText a;
  Analyze(text, &a);
  std::vector<TermCount> all, sample;
  ContentTerms(a.tokens, 1000, &all);
  ContentTerms(a.tokens, 50, &sample);
  REQUIRE(sample.size() == 50);
  for (size_t i = 0; i < sample.size(); ++i) CHECK(sample[i].term == all[i].term);
}
