#include <catch2/catch.hpp>

#include "copytrail/clustering.h"
#include "copytrail/pipeline.h"
#include "support/test_support.h"

using namespace copytrail;
using copytrail::testing::Doc;
using copytrail::testing::RandomText;

namespace {

ScanResult ScanDocs(std::vector<Document> docs) {
  auto source = MemorySource(std::move(docs));
  CountingReporter reporter;
  auto result = Scan(source.get(), ScanOptions(), &reporter);
  REQUIRE(result.ok());
  return std::move(result.value());
}

}  // namespace

TEST_CASE("copies cluster, unrelated documents stay apart", "[cluster]") {
  std::string a = RandomText(1, 400), b = RandomText(2, 400);
  std::vector<Document> docs = {Doc("a", a), Doc("b", b), Doc("a-copy", "Breaking news.\n\n" + a),
                                Doc("c", RandomText(3, 400)), Doc("a-trunc", a.substr(0, a.size() / 2))};
  for (int i = 0; i < 30; ++i) docs.push_back(Doc("noise" + std::to_string(i), RandomText(100 + i, 300)));
  ScanResult r = ScanDocs(docs);
  REQUIRE(r.clusters.size() == 1);
  CHECK(r.clusters[0] == std::vector<DocId>{0, 2, 4});
}

TEST_CASE("a paraphrase link joins groups only on average similarity", "[cluster]") {
  // Groups {0,1} and {2,3} are copies of two unrelated stories; a claimed paraphrase pair
  // between 1 and 2 must not chain them, while one between two versions of a story must.
  std::string a = RandomText(10, 400), b = RandomText(11, 400);
  Corpus corpus;
  SketchScratch scratch;
  for (const std::string& text : {a, a + " Extra words here.", b, b + " More words here.",
                                  a.substr(0, a.size() * 2 / 3)}) {
    DocFeatures f;
    SketchDocument(Doc("d", text), SketchOptions(), &scratch, &f);
    corpus.Add(std::move(f));
  }
  corpus.Finalize();
  auto pair = [&](DocId x, DocId y, Relation r) { return ScoredPair{x, y, r, Measure(corpus, x, y)}; };
  ClusterStats stats;
  auto clusters = BuildClusters(corpus, {pair(0, 1, Relation::kNear), pair(2, 3, Relation::kNear),
                                         pair(1, 2, Relation::kParaphrase)},
                                ClusterOptions(), &stats);
  CHECK(clusters.size() == 2);
  CHECK(stats.paraphrase_rejected == 1);
  stats = ClusterStats();
  clusters = BuildClusters(corpus, {pair(0, 1, Relation::kNear), pair(1, 4, Relation::kParaphrase)},
                           ClusterOptions(), &stats);
  REQUIRE(clusters.size() == 1);
  CHECK(clusters[0] == std::vector<DocId>{0, 1, 4});
}

TEST_CASE("exact duplicates are grouped whatever their case and spacing", "[cluster]") {
  std::string a = RandomText(5, 200);
  std::string shouted = a;
  for (char& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ScanResult r = ScanDocs({Doc("x", a), Doc("y", shouted), Doc("z", RandomText(6, 200))});
  REQUIRE(r.clusters.size() == 1);
  CHECK(r.stats.exact_duplicates == 1);
  REQUIRE(r.lineages[0].edges.size() == 1);
  CHECK(r.lineages[0].edges[0].relation == Relation::kExact);
}

TEST_CASE("empty documents are counted but never clustered", "[cluster]") {
  auto source = MemorySource({Doc("e1", ""), Doc("e2", "  ... "), Doc("t", RandomText(1, 50))});
  CountingReporter reporter;
  auto r = Scan(source.get(), ScanOptions(), &reporter);
  REQUIRE(r.ok());
  CHECK(r->corpus.size() == 3);
  CHECK(r->stats.empty_documents == 2);
  CHECK(r->clusters.empty());
  CHECK(reporter.count() == 2);
  CHECK_THAT(reporter.messages()[0], Catch::Contains("e1"));
}
