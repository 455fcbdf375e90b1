#include <catch2/catch.hpp>

#include "copytrail/pipeline.h"
#include "support/test_support.h"

using namespace copytrail;

namespace {

ScanResult ScanData(int threads) {
  CountingReporter reporter;
  auto source = OpenInputs({copytrail::testing::SourceDir() + "/data"}, ReadOptions(), &reporter);
  REQUIRE(source.ok());
  ScanOptions options;
  options.threads = threads;
  auto r = Scan(source->get(), options, &reporter);
  REQUIRE(r.ok());
  CHECK(reporter.count() == 0);
  return std::move(r.value());
}

}  // namespace

TEST_CASE("sample articles: the AI rewrite clusters with its source, same-event reports do not",
          "[pipeline]") {
  ScanResult r = ScanData(0);
  REQUIRE(r.corpus.size() == 5);
  REQUIRE(r.clusters.size() == 1);
  const auto& c = r.clusters[0];
  REQUIRE(c.size() == 2);
  CHECK(r.corpus.info(c[0]).id == "000_9b1ef71f9325d4ed.txt");
  CHECK(r.corpus.info(c[1]).id == "001_59c9348fd6c662fd.txt");
  const auto& lin = r.lineages[0];
  CHECK(r.corpus.info(lin.root).id == "001_59c9348fd6c662fd.txt");
  REQUIRE(lin.edges.size() == 1);
  CHECK(lin.edges[0].relation == Relation::kParaphrase);
  CHECK(lin.edges[0].confidence > 0.7);
}

TEST_CASE("results do not depend on the number of threads", "[pipeline]") {
  ScanResult one = ScanData(1), two = ScanData(2);
  CHECK(one.clusters == two.clusters);
  REQUIRE(one.pairs.size() == two.pairs.size());
  for (size_t i = 0; i < one.pairs.size(); ++i) CHECK(one.pairs[i].measures.cosine == two.pairs[i].measures.cosine);
}

TEST_CASE("compare: the pair in depth", "[pipeline]") {
  std::string base = copytrail::testing::RandomText(9, 300);
  Document a = copytrail::testing::Doc("a", base);
  Document b = copytrail::testing::Doc("b", base.substr(0, base.size() / 2));
  auto c = Compare(a, b, ScanOptions());
  REQUIRE(c.ok());
  CHECK(c->relation == Relation::kNear);
  CHECK(c->measures.shingle_cont_ba > 0.9);
  CHECK(c->direction > 0);  // a is the source
  REQUIRE_FALSE(c->passages.empty());
  CHECK(c->passages[0].words > 100);
  CHECK(a.text.substr(c->passages[0].a_begin, 20) == b.text.substr(c->passages[0].b_begin, 20));
}

TEST_CASE("ScanOptions::Validate rejects nonsense", "[pipeline]") {
  ScanOptions o;
  o.verify.paraphrase_cosine = 2;
  CHECK_FALSE(o.Validate().ok());
  o = ScanOptions();
  o.sketch.shingle_size = 0;
  CHECK_THAT(o.Validate().message(), Catch::Contains("shingle-size"));
}
