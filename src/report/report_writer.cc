#include "copytrail/report_writer.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "report/html_report.h"
#include "report/report_util.h"

namespace copytrail {

const char* Version() { return "0.1.0"; }

Result<ReportFormat> ParseReportFormat(const std::string& name) {
  if (name == "text") return ReportFormat::kText;
  if (name == "json") return ReportFormat::kJson;
  if (name == "csv") return ReportFormat::kCsv;
  if (name == "dot") return ReportFormat::kDot;
  if (name == "html") return ReportFormat::kHtml;
  return Status::InvalidArgument("unknown --format '" + name + "' (text, json, csv, dot, html)");
}

double Round3(double x) { return std::round(x * 1000.0) / 1000.0; }

std::vector<DocId> MembersRootFirst(const ClusterLineage& lineage) {
  std::vector<DocId> out{lineage.root};
  for (const auto& e : lineage.edges) out.push_back(e.child);
  return out;
}

std::string RootDoubt(const Corpus& corpus, const ClusterLineage& lineage) {
  if (!lineage.root_confidence) return "";
  return "confidence " + Fixed(*lineage.root_confidence, 2) + "; else " + corpus.info(*lineage.root_alternative).id;
}

namespace {

// The JSON report is streamed element by element: a cluster of a million copies must not be
// built as one document tree in memory first (that cost 6 GB in bench/macro.sh).
//
// Ids, evidence and measures run to hundreds of thousands of strings and numbers per report, and
// a json value built for each was a third of the writing time (the shared corpora's report took
// 54 ms with them, 35 ms without), so the common cases take a short cut with the same output:
// printable ASCII with nothing to escape is quoted as it is, and the 1001 values of Round3 in
// [0, 1] (every measure) come from a table that nlohmann filled.
std::string Quote(const std::string& s) {
  bool plain = true;
  for (char ch : s) plain &= ch >= 0x20 && ch <= 0x7E && ch != '"' && ch != '\\';
  if (plain) return std::string(1, '"').append(s).append(1, '"');
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Number(double x) {
  static const std::vector<std::string> thousandths = [] {
    std::vector<std::string> t;
    for (int i = 0; i <= 1000; ++i) t.push_back(nlohmann::json(Round3(i / 1000.0)).dump());
    return t;
  }();
  const double r = Round3(x);
  const double k = std::round(r * 1000.0);
  if (k >= 0 && k <= 1000 && Round3(k / 1000.0) == r) return thousandths[static_cast<size_t>(k)];
  return nlohmann::json(r).dump();
}

// A list of strings as nlohmann writes it compactly.
std::string QuoteAll(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out.append(i ? "," : "").append(Quote(items[i]));
  return out.append("]");
}

void WriteJson(const ScanResult& r, std::ostream& out) {
  const Corpus& c = r.corpus;
  out << "{\n  \"copytrail\": " << Quote(Version()) << ",\n  \"documents\": " << c.size()
      << ",\n  \"clusters\": [";
  for (size_t k = 0; k < r.clusters.size(); ++k) {
    const ClusterLineage& lin = r.lineages[k];
    out << (k ? "," : "") << "\n    {\"id\": " << k << ", \"members\": [";
    bool first = true;
    for (DocId d : MembersRootFirst(lin)) out << (first ? "" : ", ") << Quote(c.info(d).id), first = false;
    out << "], \"root\": " << Quote(c.info(lin.root).id);
    if (lin.root_confidence)
      out << ", \"root_confidence\": " << Number(*lin.root_confidence)
          << ", \"root_alternative\": " << Quote(c.info(*lin.root_alternative).id);
    out << ", \"edges\": [";
    for (size_t e = 0; e < lin.edges.size(); ++e) {
      const LineageEdge& edge = lin.edges[e];
      out << (e ? "," : "") << "\n      {\"parent\": " << Quote(c.info(edge.parent).id)
          << ", \"child\": " << Quote(c.info(edge.child).id) << ", \"relation\": \""
          << RelationName(edge.relation) << "\", \"similarity\": " << Number(edge.similarity)
          << ", \"confidence\": " << Number(edge.confidence) << ", \"evidence\": "
          << QuoteAll(edge.evidence) << "}";
    }
    out << (lin.edges.empty() ? "" : "\n    ") << "]}";
  }
  out << (r.clusters.empty() ? "" : "\n  ") << "],\n  \"pairs\": [";
  for (size_t i = 0; i < r.pairs.size(); ++i) {
    const ScoredPair& p = r.pairs[i];
    out << (i ? "," : "") << "\n    {\"a\": " << Quote(c.info(p.a).id) << ", \"b\": "
        << Quote(c.info(p.b).id) << ", \"relation\": \"" << RelationName(p.relation)
        << "\", \"jaccard\": " << Number(p.measures.jaccard) << ", \"cosine\": "
        << Number(p.measures.cosine) << ", \"containment_ab\": " << Number(p.measures.containment_ab)
        << ", \"containment_ba\": " << Number(p.measures.containment_ba);
    // Each pair of shares is written where both sides were measured.
    auto both = [&](const char* ab, const char* ba, double x, double y) {
      if (x >= 0 && y >= 0) out << ", \"" << ab << "\": " << Number(x) << ", \"" << ba << "\": " << Number(y);
    };
    both("aligned_ab", "aligned_ba", p.measures.aligned_ab, p.measures.aligned_ba);
    both("names_ab", "names_ba", p.measures.names_ab, p.measures.names_ba);
    both("numbers_ab", "numbers_ba", p.measures.numbers_ab, p.measures.numbers_ba);
    out << "}";
  }
  const ScanStats& s = r.stats;
  nlohmann::ordered_json stats = {
      {"bytes", s.read.bytes},
      {"empty_documents", s.empty_documents},
      {"unreadable_dates", s.unreadable_dates},
      {"skipped_records", s.read.skipped_records},
      {"repaired_utf8", s.read.repaired_utf8},
      {"renamed_duplicate_ids", s.read.renamed_duplicates},
      {"exact_duplicates", s.exact_duplicates},
      {"lsh_bands", s.candidates.bands},
      {"lsh_rows", s.candidates.rows},
      {"lsh_candidate_pairs", s.candidates.lsh_pairs},
      {"paraphrase_candidate_pairs", s.candidates.paraphrase_pairs},
      {"capped_buckets", s.candidates.capped_buckets},
      {"verified_pairs", s.verified_pairs},
      {"related_pairs", s.related_pairs},
      {"paraphrase_links_rejected", s.cluster.paraphrase_rejected},
      {"seconds", {{"read_and_sketch", Round3(s.read_seconds)},
                   {"candidates", Round3(s.candidate_seconds)},
                   {"verify", Round3(s.verify_seconds)},
                   {"cluster", Round3(s.cluster_seconds)},
                   {"lineage", Round3(s.lineage_seconds)}}}};
  out << (r.pairs.empty() ? "" : "\n  ") << "],\n  \"stats\": " << stats.dump() << "\n}\n";
}

void WriteText(const ScanResult& r, std::ostream& out) {
  const Corpus& c = r.corpus;
  size_t clustered = 0;
  for (const auto& cl : r.clusters) clustered += cl.size();
  out << "copytrail " << Version() << ": " << c.size() << " documents, " << r.clusters.size()
      << (r.clusters.size() == 1 ? " cluster" : " clusters") << " holding " << clustered
      << " documents, " << r.stats.exact_duplicates << " exact duplicates\n";
  for (size_t k = 0; k < r.clusters.size(); ++k) {
    const ClusterLineage& lin = r.lineages[k];
    out << "\nCluster " << k << " (" << r.clusters[k].size() << " documents)\n";
    const std::string doubt = RootDoubt(c, lin);
    out << "  original: " << c.info(lin.root).id << (doubt.empty() ? "" : "  (" + doubt + ")") << "\n";
    std::map<DocId, int> depth{{lin.root, 0}};
    for (const auto& e : lin.edges) {
      int d = depth[e.parent] + 1;
      depth[e.child] = d;
      std::string indent(static_cast<size_t>(2 * d + 2), ' ');
      out << indent << "<- " << c.info(e.child).id << "  (" << RelationName(e.relation)
          << " of " << c.info(e.parent).id << ", similarity " << Fixed(e.similarity, 2)
          << ", confidence " << Fixed(e.confidence, 2) << ")\n";
      for (const auto& ev : e.evidence) out << indent << "     - " << ev << "\n";
    }
  }
  if (r.clusters.empty()) out << "\nNo copies or rewrites found.\n";
}

void WriteCsv(const ScanResult& r, std::ostream& out) {
  const Corpus& c = r.corpus;
  out << "cluster,document,parent,relation,similarity,confidence,evidence\n";
  for (size_t k = 0; k < r.clusters.size(); ++k) {
    const ClusterLineage& lin = r.lineages[k];
    out << k << "," << CsvField(c.info(lin.root).id) << ",,original,,"
        << (lin.root_confidence ? Fixed(*lin.root_confidence, 3) : "") << ","
        << (lin.root_alternative ? CsvField("else " + c.info(*lin.root_alternative).id) : "") << "\n";
    for (const auto& e : lin.edges) {
      std::string ev;
      for (const auto& s : e.evidence) ev += (ev.empty() ? "" : "; ") + s;
      out << k << "," << CsvField(c.info(e.child).id) << "," << CsvField(c.info(e.parent).id) << ","
          << RelationName(e.relation) << "," << Fixed(e.similarity, 3) << ","
          << Fixed(e.confidence, 3) << "," << CsvField(ev) << "\n";
    }
  }
}

void WriteDot(const ScanResult& r, std::ostream& out) {
  const Corpus& c = r.corpus;
  out << "digraph copytrail {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n";
  for (size_t k = 0; k < r.clusters.size(); ++k) {
    const ClusterLineage& lin = r.lineages[k];
    out << "  subgraph cluster_" << k << " {\n    label=\"cluster " << k << "\";\n";
    out << "    " << DotQuote(c.info(lin.root).id) << " [style=bold];\n";
    for (const auto& e : lin.edges) {
      out << "    " << DotQuote(c.info(e.parent).id) << " -> " << DotQuote(c.info(e.child).id)
          << " [label=" << DotQuote(std::string(RelationName(e.relation)) + " " +
                                    Fixed(e.similarity, 2) + " (conf " + Fixed(e.confidence, 2) + ")")
          << (e.relation == Relation::kParaphrase ? ", style=dashed" : "") << "];\n";
    }
    out << "  }\n";
  }
  out << "}\n";
}

}  // namespace

void WriteReport(const ScanResult& result, ReportFormat format, std::ostream& out) {
  switch (format) {
    case ReportFormat::kText: return WriteText(result, out);
    case ReportFormat::kJson: return WriteJson(result, out);
    case ReportFormat::kCsv: return WriteCsv(result, out);
    case ReportFormat::kDot: return WriteDot(result, out);
    case ReportFormat::kHtml: return WriteHtml(result, out);
  }
}

}  // namespace copytrail
