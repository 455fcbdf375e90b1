#include <catch2/catch.hpp>

#include <numeric>
#include <random>
#include <set>

#include "copytrail/lsh_index.h"
#include "pipeline/similarity_matrix.h"
#include "support/test_support.h"

using namespace copytrail;

namespace {

// A corpus of families: each family's members share `keep` of their shingles with the first.
Corpus MakeCorpus(int families, int members, double keep, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Corpus corpus;
  for (int f = 0; f < families; ++f) {
    std::vector<uint64_t> base(300);
    for (auto& h : base) h = rng();
    for (int m = 0; m < members; ++m) {
      std::vector<uint64_t> s = base;
      if (m > 0)
        for (auto& h : s)
          if (std::uniform_real_distribution<>(0, 1)(rng) > keep) h = rng();
      DocFeatures f_doc;
      f_doc.info.id = std::to_string(f);
      f_doc.info.id.append("/").append(std::to_string(m));
      f_doc.info.tokens = f_doc.info.shingles = static_cast<uint32_t>(s.size());
      ComputeSignature(s.data(), s.size(), &f_doc.signature);
      corpus.Add(std::move(f_doc));
    }
  }
  corpus.Finalize();
  return corpus;
}

std::vector<DocId> AllDocs(const Corpus& corpus) {
  std::vector<DocId> docs(corpus.size());
  std::iota(docs.begin(), docs.end(), DocId{0});
  return docs;
}

}  // namespace

TEST_CASE("LSH finds what brute force finds above the threshold", "[lsh]") {
  Corpus corpus = MakeCorpus(60, 4, 0.8, 11);
  std::vector<DocId> docs = AllDocs(corpus);
  LshOptions options;
  options.threshold = 0.3;
  CandidateStats stats;
  auto pairs = LshCandidates(corpus, docs, options, &stats);
  std::set<CandidatePair> found(pairs.begin(), pairs.end());
  size_t truth = 0, hit = 0;
  for (DocId a = 0; a < corpus.size(); ++a)
    for (DocId b = a + 1; b < corpus.size(); ++b)
      if (EstimateJaccard(corpus.signature(a), corpus.signature(b)) >= 0.5) {
        ++truth;
        hit += found.count({a, b});
      }
  REQUIRE(truth > 200);
  CHECK(static_cast<double>(hit) / truth >= 0.99);
  // Unrelated documents (different families of 4) rarely collide.
  size_t cross = 0;
  for (const auto& [a, b] : found) cross += a / 4 != b / 4;
  CHECK(cross < found.size() / 100 + 1);
  CHECK(stats.capped_buckets == 0);
}

TEST_CASE("ChooseBands picks a sensible S-curve", "[lsh]") {
  for (double t : {0.2, 0.3, 0.5, 0.8}) {
    auto [b, r] = ChooseBands(t);
    INFO("threshold " << t << ": " << b << " bands x " << r << " rows");
    CHECK(b * r <= kSignatureSize);
    double knee = std::pow(1.0 / b, 1.0 / r);
    CHECK(std::abs(knee - t) < 0.15);
  }
}

TEST_CASE("oversized buckets are capped and counted, never quadratic", "[lsh]") {
  Corpus corpus = MakeCorpus(1, 3000, 1.0, 5);  // 3000 identical signatures
  std::vector<DocId> docs = AllDocs(corpus);
  LshOptions options;
  options.max_bucket = 100;
  CandidateStats stats;
  auto pairs = LshCandidates(corpus, docs, options, &stats);
  CHECK(stats.capped_buckets > 0);
  CHECK(stats.largest_bucket == 3000);
  CHECK(pairs.size() < 3000 * 2);  // a chain, not 4.5 million pairs
}

TEST_CASE("LshOptions::Validate names bad values", "[lsh]") {
  LshOptions o;
  o.bands = 20;
  o.rows = 10;
  CHECK_THAT(o.Validate().message(), Catch::Contains("200"));
  o = LshOptions();
  o.threshold = 1.5;
  CHECK_FALSE(o.Validate().ok());
}

TEST_CASE("rare-term index finds the pairs the all-pairs cosine finds", "[lsh]") {
  // Families of rewrites: each member keeps 60% of its original's words, the rest replaced by
  // words no other text has. Every rewrite must be paired with its original (cosine about
  // 0.6); two rewrites of one original (cosine about 0.35) may be joined through it instead.
  Corpus corpus;
  SketchScratch scratch;
  std::mt19937_64 rng(17);
  for (int f = 0; f < 40; ++f) {
    std::string base = copytrail::testing::RandomText(1000 + f, 250, 20000);
    for (int m = 0; m < 3; ++m) {
      std::string text;
      size_t start = 0;
      while (start < base.size()) {
        size_t end = base.find(' ', start);
        if (end == std::string::npos) end = base.size();
        if (m > 0 && rng() % 10 < 4) text.append("w").append(std::to_string(rng() % 50000)).append("q ");
        else text.append(base, start, end - start).append(" ");
        start = end + 1;
      }
      DocFeatures features;
      SketchDocument(copytrail::testing::Doc("d", text), SketchOptions(), &scratch, &features);
      corpus.Add(std::move(features));
    }
  }
  corpus.Finalize();
  std::vector<DocId> docs = AllDocs(corpus);
  auto dense = AllPairsAboveCosine(corpus, docs, 0.5);
  CandidateStats stats;
  auto index = ParaphraseCandidates(corpus, docs, ParaphraseCandidateOptions(), /*shared_subject=*/true, &stats);
  REQUIRE(dense.size() >= 70);  // about two per family
  size_t found = 0;
  for (const auto& p : dense) found += std::binary_search(index.begin(), index.end(), p);
  CHECK(static_cast<double>(found) / dense.size() >= 0.95);
}

TEST_CASE("rare-term index pairs only texts that share their subject, unless told otherwise", "[lsh]") {
  // Three notices in one template: two about Heineken, one about Carlsberg. Verification would
  // reject a pair about different companies, so the index does not propose it.
  const std::string body =
      " said the brewer reported falling quarterly profits after lager sales slumped across western "
      "markets, while rivals expanded breweries abroad and marketing costs climbed.\n";
  Corpus corpus;
  SketchScratch scratch;
  auto add = [&](const std::string& id, const std::string& text) {
    DocFeatures features;
    SketchDocument(copytrail::testing::Doc(id, text), SketchOptions(), &scratch, &features);
    corpus.Add(std::move(features));
  };
  add("heineken", "Shares fell as Heineken" + body + "Analysts expect Heineken to cut jobs.");
  add("heineken-again", "Investors sold as Heineken" + body + "Traders expect Heineken to cut posts.");
  add("carlsberg", "Shares fell as Carlsberg" + body + "Analysts expect Carlsberg to cut jobs.");
  for (int i = 0; i < 30; ++i) add("other" + std::to_string(i), copytrail::testing::RandomText(500 + i, 120, 20000));
  corpus.Finalize();
  std::vector<DocId> docs = AllDocs(corpus);
  CandidateStats stats;
  auto pairs = ParaphraseCandidates(corpus, docs, ParaphraseCandidateOptions(), /*shared_subject=*/true, &stats);
  auto has = [&](const std::vector<CandidatePair>& list, DocId a, DocId b) {
    return std::binary_search(list.begin(), list.end(), CandidatePair{a, b});
  };
  CHECK(has(pairs, 0, 1));
  CHECK_FALSE(has(pairs, 0, 2));
  CHECK_FALSE(has(pairs, 1, 2));

  auto all = ParaphraseCandidates(corpus, docs, ParaphraseCandidateOptions(), /*shared_subject=*/false, &stats);
  CHECK(has(all, 0, 1));
  CHECK(has(all, 0, 2));
  CHECK(has(all, 1, 2));
}
