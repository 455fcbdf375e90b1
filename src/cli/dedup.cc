#include <nlohmann/json.hpp>

#include <fstream>

#include "cli/commands.h"

namespace copytrail::cli {

po::options_description DedupOptionsDesc() {
  po::options_description d;
  po::options_description out("Output");
  out.add_options()
      ("keep", po::value<std::string>()->default_value("original"),
       "which member of a cluster to keep: original (the lineage root), first (in input order) "
       "or longest")
      ("output,o", po::value<std::string>(), "write the JSONL to this file instead of stdout");
  d.add(out).add(InputOptions()).add(DetectionOptions()).add(RunOptions());
  return d;
}

int RunDedup(const po::variables_map& vm, Streams io) {
  std::string keep = vm["keep"].as<std::string>();
  if (keep != "original" && keep != "first" && keep != "longest")
    return Fail(io.err, Status::InvalidArgument("--keep must be original, first or longest, not '" + keep + "'"));
  std::ofstream file;
  if (Status st = OpenOutput(vm, &file); !st.ok()) return Fail(io.err, st);
  std::ostream& out = vm.count("output") ? file : io.out;
  StderrReporter reporter(io.err, vm.count("quiet") > 0);
  ScanResult result;
  std::unique_ptr<DocumentSource> source;
  if (int rc = ScanInputs(vm, io, &result, &source, &reporter)) return rc;
  const Corpus& corpus = result.corpus;

  std::vector<int64_t> cluster_of(corpus.size(), -1);
  std::vector<DocId> kept(result.clusters.size());
  for (size_t c = 0; c < result.clusters.size(); ++c) {
    const auto& members = result.clusters[c];
    for (DocId d : members) cluster_of[d] = static_cast<int64_t>(c);
    if (keep == "original") kept[c] = result.lineages[c].root;
    else if (keep == "first") kept[c] = members.front();
    else
      kept[c] = *std::max_element(members.begin(), members.end(), [&](DocId x, DocId y) {
        return corpus.info(x).bytes != corpus.info(y).bytes ? corpus.info(x).bytes < corpus.info(y).bytes : x > y;
      });
  }
  for (DocId d = 0; d < corpus.size(); ++d) {
    int64_t c = cluster_of[d];
    if (c >= 0 && kept[static_cast<size_t>(c)] != d) continue;
    const DocInfo& info = corpus.info(d);
    auto text = source->Fetch(info.where);
    if (!text.ok()) return Fail(io.err, text.status());
    nlohmann::ordered_json j;
    j["id"] = info.id;
    j["text"] = std::move(text.value());
    if (!info.date.empty()) j["date"] = info.date;
    if (!info.url.empty()) j["url"] = info.url;
    if (!info.title.empty()) j["title"] = info.title;
    if (!info.source.empty()) j["source"] = info.source;
    j["cluster"] = c >= 0 ? nlohmann::ordered_json(c) : nlohmann::ordered_json(nullptr);
    auto represents = nlohmann::ordered_json::array();
    if (c >= 0)
      for (DocId m : result.clusters[static_cast<size_t>(c)])
        if (m != d) represents.push_back(corpus.info(m).id);
    j["represents"] = std::move(represents);
    out << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  }
  out.flush();
  if (!out) return Fail(io.err, Status::IoError("cannot write the output"));
  return 0;
}

}  // namespace copytrail::cli
