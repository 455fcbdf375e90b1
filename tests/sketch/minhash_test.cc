#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "copytrail/minhash.h"
#include "copytrail/shingler.h"
#include "support/test_support.h"

using namespace copytrail;

namespace {

// Two sets of random 64-bit hashes with exactly the requested Jaccard similarity.
void MakePair(std::mt19937_64& rng, size_t union_size, double j, std::vector<uint64_t>* a,
              std::vector<uint64_t>* b) {
  a->clear();
  b->clear();
  size_t shared = static_cast<size_t>(std::llround(j * static_cast<double>(union_size)));
  for (size_t i = 0; i < union_size; ++i) {
    uint64_t h = rng();
    if (i < shared) a->push_back(h), b->push_back(h);
    else if (i % 2) a->push_back(h);
    else b->push_back(h);
  }
}

}  // namespace

TEST_CASE("MinHash estimates Jaccard within statistical bounds", "[minhash]") {
  // With K = 128 bins the standard error is sqrt(J(1-J)/K) <= 0.044; over 200 seeded pairs the
  // mean error must be near 0 (unbiased) and single errors stay within 4.5 sigma.
  std::mt19937_64 rng(42);
  std::vector<uint64_t> a, b;
  for (double j : {0.1, 0.3, 0.5, 0.8, 0.95}) {
    for (size_t size : {60, 400, 3000}) {
      double sum_err = 0, max_z = 0;
      const int trials = 200;
      for (int t = 0; t < trials; ++t) {
        MakePair(rng, size, j, &a, &b);
        double truth = static_cast<double>(std::llround(j * size)) / size;
        Signature sa, sb;
        ComputeSignature(a.data(), a.size(), &sa);
        ComputeSignature(b.data(), b.size(), &sb);
        double err = EstimateJaccard(sa, sb) - truth;
        double sigma = std::sqrt(truth * (1 - truth) / kSignatureSize) + 1e-9;
        sum_err += err;
        max_z = std::max(max_z, std::abs(err) / sigma);
      }
      INFO("J=" << j << " size=" << size);
      CHECK(std::abs(sum_err / trials) < 0.02);
      CHECK(max_z < 4.5);
    }
  }
}

TEST_CASE("identical and disjoint sets", "[minhash]") {
  std::mt19937_64 rng(7);
  std::vector<uint64_t> a(500), b(500);
  for (auto& x : a) x = rng();
  for (auto& x : b) x = rng();
  Signature sa, sa2, sb;
  ComputeSignature(a.data(), a.size(), &sa);
  std::vector<uint64_t> shuffled = a;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  shuffled.insert(shuffled.end(), a.begin(), a.begin() + 50);  // repeats do not matter
  ComputeSignature(shuffled.data(), shuffled.size(), &sa2);
  ComputeSignature(b.data(), b.size(), &sb);
  CHECK(EstimateJaccard(sa, sa2) == 1.0);
  CHECK(EstimateJaccard(sa, sb) < 0.05);
}

TEST_CASE("densification fills every bin of tiny sets", "[minhash]") {
  uint64_t one = 0x123456789abcdefULL;
  Signature s;
  ComputeSignature(&one, 1, &s);
  for (uint32_t v : s.v) CHECK(v == static_cast<uint32_t>(one));
}

TEST_CASE("golden signatures do not change across builds", "[minhash]") {
  // tests/golden/signature.txt holds the signature of a fixed text; a change here changes every
  // stored index, so it must be deliberate (regenerate with COPYTRAIL_WRITE_GOLDEN=1).
  std::string text = copytrail::testing::RandomText(2024, 300);
  AnalyzedText analyzed;
  Analyze(text, &analyzed);
  std::vector<uint64_t> shingles;
  WordShingles(analyzed.tokens, 5, &shingles);
  Signature sig;
  ComputeSignature(shingles.data(), shingles.size(), &sig);
  std::ostringstream got;
  for (uint32_t v : sig.v) got << v << "\n";
  std::string path = copytrail::testing::SourceDir() + "/tests/golden/signature.txt";
  if (std::getenv("COPYTRAIL_WRITE_GOLDEN")) std::ofstream(path) << got.str();
  std::ifstream in(path);
  REQUIRE(in);
  std::stringstream want;
  want << in.rdbuf();
  CHECK(got.str() == want.str());
}
