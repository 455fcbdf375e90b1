#include <catch2/catch.hpp>

#include "copytrail/evaluation.h"

using namespace copytrail;

namespace {

const char* kGold = R"({"clusters": [["a", "b", "c"], ["d", "e"]],
  "edges": [["a", "b", "paraphrase"], ["b", "c", "truncation"], ["d", "e", "boilerplate"]],
  "roots": ["a", "d"]})";

PredictedTree Report(const std::string& json) {
  auto r = ParseReport(json);
  REQUIRE(r.ok());
  return *r;
}

Evaluation Eval(const std::string& report) {
  auto gold = ParseGold(kGold);
  REQUIRE(gold.ok());
  return Evaluate(*gold, Report(report));
}

}  // namespace

TEST_CASE("perfect report scores 1 everywhere", "[eval]") {
  auto ev = Eval(R"({"documents": 8, "clusters": [
    {"members": ["a", "b", "c"], "root": "a", "edges": [{"parent": "a", "child": "b"}, {"parent": "b", "child": "c"}]},
    {"members": ["d", "e"], "root": "d", "edges": [{"parent": "d", "child": "e"}]}]})");
  CHECK(ev.pair_precision == 1);
  CHECK(ev.pair_recall == 1);
  CHECK(ev.pair_f1 == 1);
  CHECK(ev.ari == Approx(1));
  CHECK(ev.edge_accuracy == 1);
  CHECK(ev.direction_accuracy == 1);
  CHECK(ev.root_accuracy == 1);
  CHECK(ev.by_operation.at("truncation").edges == 1);
}

TEST_CASE("all singletons: no recall, zero ARI", "[eval]") {
  auto ev = Eval(R"({"documents": 8, "clusters": []})");
  CHECK(ev.pair_recall == 0);
  CHECK(ev.pair_f1 == 0);
  CHECK(ev.ari == Approx(0).margin(1e-9));
  CHECK(ev.edge_accuracy == 0);
  CHECK(ev.root_accuracy == 0);
}

TEST_CASE("everything in one cluster: full recall, low precision", "[eval]") {
  auto ev = Eval(R"({"documents": 5, "clusters": [
    {"members": ["a", "b", "c", "d", "e"], "root": "a", "edges": [
      {"parent": "a", "child": "b"}, {"parent": "b", "child": "c"}, {"parent": "a", "child": "d"}, {"parent": "d", "child": "e"}]}]})");
  CHECK(ev.pair_recall == 1);
  CHECK(ev.pair_precision == Approx(4.0 / 10));
  CHECK(ev.ari < 0.01);
  CHECK(ev.root_accuracy == Approx(0.5));
}

TEST_CASE("a reversed edge counts against edge and direction accuracy", "[eval]") {
  auto ev = Eval(R"({"documents": 8, "clusters": [
    {"members": ["a", "b", "c"], "root": "a", "edges": [{"parent": "a", "child": "b"}, {"parent": "b", "child": "c"}]},
    {"members": ["e", "d"], "root": "e", "edges": [{"parent": "e", "child": "d"}]}]})");
  CHECK(ev.pair_f1 == 1);
  CHECK(ev.edge_accuracy == Approx(2.0 / 3));
  CHECK(ev.direction_accuracy == Approx(2.0 / 3));
  CHECK(ev.root_accuracy == Approx(0.5));
  CHECK(ev.by_operation.at("boilerplate").edge_correct == 0);
}

TEST_CASE("root misses say whether the root was clustered and how sure its parent edge was", "[eval]") {
  // a sits under b at 0.55 (close to a coin flip); d and e are in no cluster.
  auto unsure = Eval(R"({"documents": 8, "clusters": [
    {"members": ["a", "b", "c"], "root": "b", "edges": [
      {"parent": "b", "child": "a", "confidence": 0.55}, {"parent": "b", "child": "c", "confidence": 0.9}]}]})");
  CHECK(unsure.root_accuracy == 0);
  CHECK(unsure.root_misses.unclustered == 1);
  CHECK(unsure.root_misses.unsure == 1);
  CHECK(unsure.root_misses.confident == 0);
  // The same tree with a sure edge, and the other family right: one confident miss only.
  auto confident = Eval(R"({"documents": 8, "clusters": [
    {"members": ["a", "b", "c"], "root": "b", "edges": [
      {"parent": "b", "child": "a", "confidence": 0.8}, {"parent": "b", "child": "c", "confidence": 0.9}]},
    {"members": ["d", "e"], "root": "d", "edges": [{"parent": "d", "child": "e", "confidence": 0.7}]}]})");
  CHECK(confident.root_misses.unclustered == 0);
  CHECK(confident.root_misses.unsure == 0);
  CHECK(confident.root_misses.confident == 1);
  // Edges without a confidence count as sure ones.
  auto bare = Eval(R"({"documents": 8, "clusters": [
    {"members": ["a", "b", "c"], "root": "c", "edges": [{"parent": "c", "child": "b"}, {"parent": "b", "child": "a"}]}]})");
  CHECK(bare.root_misses.confident == 1);
  CHECK(bare.root_misses.unclustered == 1);
}

TEST_CASE("grandparent as parent: direction right, edge wrong", "[eval]") {
  auto ev = Eval(R"({"documents": 8, "clusters": [
    {"members": ["a", "b", "c"], "root": "a", "edges": [{"parent": "a", "child": "b"}, {"parent": "a", "child": "c"}]},
    {"members": ["d", "e"], "root": "d", "edges": [{"parent": "d", "child": "e"}]}]})");
  CHECK(ev.edge_accuracy == Approx(2.0 / 3));
  CHECK(ev.direction_accuracy == 1);
}

TEST_CASE("gold as labelled pairs", "[eval]") {
  auto gold = ParseGold(R"({"pairs": [["a", "b", 1], ["a", "c", 0], ["c", "d", 1]]})");
  REQUIRE(gold.ok());
  auto ev = Evaluate(*gold, Report(R"({"documents": 4, "clusters": [{"members": ["a", "b", "c"], "root": "a"}]})"));
  CHECK(ev.pair_precision == Approx(0.5));
  CHECK(ev.pair_recall == Approx(0.5));
}

TEST_CASE("bad gold and reports are rejected with a reason", "[eval]") {
  CHECK_FALSE(ParseGold("{").ok());
  CHECK_FALSE(ParseGold("{\"x\": 1}").ok());
  CHECK_THAT(ParseReport("{\"clusters\": []}").status().message(), Catch::Contains("documents"));
}
