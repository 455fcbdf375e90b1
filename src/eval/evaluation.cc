#include "copytrail/evaluation.h"

#include <nlohmann/json.hpp>

#include <set>
#include <unordered_map>

namespace copytrail {
namespace {

using json = nlohmann::json;

double Choose2(double n) { return n * (n - 1) / 2; }

std::vector<std::vector<std::string>> ReadClusters(const json& arr) {
  std::vector<std::vector<std::string>> out;
  for (const auto& c : arr) out.push_back(c.get<std::vector<std::string>>());
  return out;
}

std::string IdOf(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

Result<Gold> ParseGold(const std::string& text) {
  try {
    json j = json::parse(text);
    Gold g;
    if (j.contains("clusters")) g.clusters = ReadClusters(j["clusters"]);
    if (j.contains("edges"))
      for (const auto& e : j["edges"])
        g.edges.push_back({IdOf(e.at(0)), IdOf(e.at(1)), e.size() > 2 ? e.at(2).get<std::string>() : "edge"});
    if (j.contains("roots"))
      for (const auto& r : j["roots"]) g.roots.push_back(IdOf(r));
    if (j.contains("pairs"))
      for (const auto& p : j["pairs"]) g.pairs.push_back({IdOf(p.at(0)), IdOf(p.at(1)), p.at(2).get<int>() != 0});
    if (!j.contains("clusters") && !j.contains("pairs"))
      return Status::InvalidArgument("gold has neither \"clusters\" nor \"pairs\"");
    return g;
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("gold: ") + e.what());
  }
}

Result<PredictedTree> ParseReport(const std::string& text) {
  try {
    json j = json::parse(text);
    PredictedTree p;
    p.documents = j.at("documents").get<size_t>();
    for (const auto& c : j.at("clusters")) {
      p.clusters.push_back(c.at("members").get<std::vector<std::string>>());
      if (c.contains("root")) p.roots.push_back(c["root"].get<std::string>());
      if (c.contains("edges"))
        for (const auto& e : c["edges"]) {
          PredictedParent& parent = p.parent[e.at("child").get<std::string>()];
          parent.id = e.at("parent").get<std::string>();
          if (e.contains("confidence")) parent.confidence = e["confidence"].get<double>();
        }
    }
    return p;
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("report: ") + e.what() +
                                   " (expected 'copytrail scan --format json' output)");
  }
}

Evaluation Evaluate(const Gold& gold, const PredictedTree& pred) {
  Evaluation ev;
  std::unordered_map<std::string, size_t> pred_of, gold_of;
  for (size_t c = 0; c < pred.clusters.size(); ++c)
    for (const auto& id : pred.clusters[c]) pred_of[id] = c;
  for (size_t c = 0; c < gold.clusters.size(); ++c)
    for (const auto& id : gold.clusters[c]) gold_of[id] = c;

  if (!gold.clusters.empty()) {
    // Contingency counts; singletons on either side contribute no pairs.
    std::map<std::pair<size_t, size_t>, double> cells;
    for (const auto& [id, g] : gold_of) {
      auto it = pred_of.find(id);
      if (it != pred_of.end()) cells[{g, it->second}] += 1;
    }
    double tp = 0, gp = 0, pp = 0;
    for (const auto& [k, n] : cells) tp += Choose2(n);
    for (const auto& c : gold.clusters) gp += Choose2(static_cast<double>(c.size()));
    for (const auto& c : pred.clusters) pp += Choose2(static_cast<double>(c.size()));
    ev.true_pairs = static_cast<size_t>(tp);
    ev.gold_pairs = static_cast<size_t>(gp);
    ev.predicted_pairs = static_cast<size_t>(pp);
    ev.pair_precision = pp > 0 ? tp / pp : (gp == 0 ? 1 : 0);
    ev.pair_recall = gp > 0 ? tp / gp : 1;
    ev.pair_f1 = ev.pair_precision + ev.pair_recall > 0
                     ? 2 * ev.pair_precision * ev.pair_recall / (ev.pair_precision + ev.pair_recall) : 0;
    double n = static_cast<double>(std::max(pred.documents, std::max(pred_of.size(), gold_of.size())));
    double total = Choose2(n), expected = total > 0 ? gp * pp / total : 0, max_index = (gp + pp) / 2;
    ev.ari = max_index - expected != 0 ? (tp - expected) / (max_index - expected) : 1;
  } else {
    double tp = 0, fp = 0, fn = 0;
    for (const auto& p : gold.pairs) {
      auto a = pred_of.find(p.a), b = pred_of.find(p.b);
      bool same = a != pred_of.end() && b != pred_of.end() && a->second == b->second;
      tp += same && p.same, fp += same && !p.same, fn += !same && p.same;
    }
    ev.true_pairs = static_cast<size_t>(tp);
    ev.pair_precision = tp + fp > 0 ? tp / (tp + fp) : 1;
    ev.pair_recall = tp + fn > 0 ? tp / (tp + fn) : 1;
    ev.pair_f1 = tp > 0 ? 2 * ev.pair_precision * ev.pair_recall / (ev.pair_precision + ev.pair_recall) : 0;
    ev.ari = -1;  // undefined without full clusterings
  }

  if (!gold.edges.empty()) {
    ev.has_lineage = true;
    std::unordered_map<std::string, std::string> gold_parent;
    for (const auto& e : gold.edges) gold_parent[e.child] = e.parent;
    auto is_ancestor = [&](const std::string& anc, std::string x) {
      for (int guard = 0; guard < 100000; ++guard) {
        auto it = gold_parent.find(x);
        if (it == gold_parent.end()) return false;
        if (it->second == anc) return true;
        x = it->second;
      }
      return false;
    };
    size_t edge_ok = 0, dir_ok = 0;
    for (const auto& e : gold.edges) {
      OperationScore& op = ev.by_operation[e.operation];
      ++op.edges;
      auto pc = pred_of.find(e.child), pp = pred_of.find(e.parent);
      if (pc != pred_of.end() && pp != pred_of.end() && pc->second == pp->second) ++op.clustered;
      auto it = pred.parent.find(e.child);
      if (it == pred.parent.end()) continue;
      if (it->second.id == e.parent) ++edge_ok, ++op.edge_correct;
      if (is_ancestor(it->second.id, e.child)) ++dir_ok, ++op.direction_correct;
    }
    ev.gold_edges = gold.edges.size();
    ev.edge_accuracy = static_cast<double>(edge_ok) / static_cast<double>(gold.edges.size());
    ev.direction_accuracy = static_cast<double>(dir_ok) / static_cast<double>(gold.edges.size());
    std::set<std::string> pred_roots(pred.roots.begin(), pred.roots.end());
    size_t root_ok = 0;
    for (const auto& r : gold.roots) {
      if (pred_roots.count(r)) {
        ++root_ok;
      } else if (!pred_of.count(r)) {
        ++ev.root_misses.unclustered;
      } else {
        auto parent = pred.parent.find(r);
        ++(parent != pred.parent.end() && parent->second.confidence < RootMisses::kUnsure ? ev.root_misses.unsure
                                                                                         : ev.root_misses.confident);
      }
    }
    ev.gold_roots = gold.roots.size();
    ev.root_accuracy = gold.roots.empty() ? 0 : static_cast<double>(root_ok) / static_cast<double>(gold.roots.size());
  }
  return ev;
}

}  // namespace copytrail
