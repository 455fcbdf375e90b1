#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "copytrail/evaluation.h"
#include "report/report_util.h"

namespace copytrail::cli {
namespace {

Result<std::string> Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

po::options_description EvalOptionsDesc() {
  po::options_description d("Evaluation");
  d.add_options()("gold", po::value<std::string>(), "gold labels (clusters/edges/roots or pairs)")
      ("format,f", po::value<std::string>()->default_value("text"), "text or json");
  return d;
}

int RunEval(const po::variables_map& vm, Streams io) {
  if (!vm.count("gold")) return Fail(io.err, Status::InvalidArgument("eval needs --gold GOLD.json"));
  if (!vm.count("inputs") || vm["inputs"].as<std::vector<std::string>>().size() != 1)
    return Fail(io.err, Status::InvalidArgument("eval takes one report: copytrail eval --gold GOLD REPORT.json"));
  std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json")
    return Fail(io.err, Status::InvalidArgument("eval --format must be text or json"));
  const std::string& report_path = vm["inputs"].as<std::vector<std::string>>()[0];
  auto gold_text = Slurp(vm["gold"].as<std::string>());
  if (!gold_text.ok()) return Fail(io.err, gold_text.status());
  auto report_text = Slurp(report_path);
  if (!report_text.ok()) return Fail(io.err, report_text.status());
  auto gold = ParseGold(*gold_text);
  if (!gold.ok()) return Fail(io.err, Status::InvalidArgument(vm["gold"].as<std::string>() + ": " + gold.status().message()));
  auto pred = ParseReport(*report_text);
  if (!pred.ok()) return Fail(io.err, Status::InvalidArgument(report_path + ": " + pred.status().message()));
  Evaluation ev = Evaluate(*gold, *pred);
  if (format == "json") {
    nlohmann::ordered_json j;
    j["pair_precision"] = Round3(ev.pair_precision);
    j["pair_recall"] = Round3(ev.pair_recall);
    j["pair_f1"] = Round3(ev.pair_f1);
    j["ari"] = Round3(ev.ari);
    j["edge_accuracy"] = Round3(ev.edge_accuracy);
    j["direction_accuracy"] = Round3(ev.direction_accuracy);
    j["root_accuracy"] = Round3(ev.root_accuracy);
    j["gold_pairs"] = ev.gold_pairs;
    j["predicted_pairs"] = ev.predicted_pairs;
    j["true_pairs"] = ev.true_pairs;
    j["gold_edges"] = ev.gold_edges;
    j["gold_roots"] = ev.gold_roots;
    j["root_misses"] = {{"unclustered", ev.root_misses.unclustered},
                        {"unsure", ev.root_misses.unsure},
                        {"confident", ev.root_misses.confident}};
    nlohmann::ordered_json ops = nlohmann::ordered_json::object();
    for (const auto& [name, s] : ev.by_operation) {
      double n = static_cast<double>(s.edges);
      ops[name] = {{"edges", s.edges},
                   {"recall", Round3(s.clustered / n)},
                   {"edge_accuracy", Round3(s.edge_correct / n)},
                   {"direction_accuracy", Round3(s.direction_correct / n)}};
    }
    j["by_operation"] = std::move(ops);
    io.out << j.dump(2) << "\n";
    return 0;
  }
  io.out << "pairs      precision " << Fixed(ev.pair_precision, 3) << "  recall " << Fixed(ev.pair_recall, 3)
         << "  F1 " << Fixed(ev.pair_f1, 3) << "  (" << ev.true_pairs << " true of " << ev.predicted_pairs
         << " predicted, " << ev.gold_pairs << " gold)\n";
  if (ev.ari >= -0.5) io.out << "clusters   adjusted Rand index " << Fixed(ev.ari, 3) << "\n";
  if (ev.has_lineage) {
    io.out << "lineage    edge accuracy " << Fixed(ev.edge_accuracy, 3) << "  direction accuracy "
           << Fixed(ev.direction_accuracy, 3) << "  root accuracy " << Fixed(ev.root_accuracy, 3) << "\n";
    const RootMisses& m = ev.root_misses;
    if (m.total() > 0)
      io.out << "root misses " << m.total() << " of " << ev.gold_roots << ": "
             << m.unclustered << " not clustered, " << m.unsure << " under a parent of confidence below "
             << Fixed(RootMisses::kUnsure, 1) << ", " << m.confident << " under a surer one\n";
    io.out << "\n"
           << "operation      edges  recall  edge-acc  direction\n";
    for (const auto& [name, s] : ev.by_operation) {
      double n = static_cast<double>(s.edges);
      char line[160];
      std::snprintf(line, sizeof line, "%-13s %6zu  %6.3f  %8.3f  %9.3f\n", name.c_str(), s.edges,
                    s.clustered / n, s.edge_correct / n, s.direction_correct / n);
      io.out << line;
    }
  }
  return 0;
}

}  // namespace copytrail::cli
