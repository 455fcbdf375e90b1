#include "report/html_report.h"

#include <functional>
#include <map>

#include "copytrail/report_writer.h"
#include "report/report_util.h"

namespace copytrail {
namespace {

constexpr const char* kStyle = R"(
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222;line-height:1.4}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}
ul.tree,ul.tree ul{list-style:none;padding-left:1.4em;border-left:2px solid #e4e4e4}
.doc{font-family:ui-monospace,monospace;font-weight:600}.root{color:#0a5}
.rel{display:inline-block;padding:0 .4em;border-radius:.3em;font-size:.85em;margin-left:.4em}
.exact{background:#dde}.near-duplicate{background:#dfd}.paraphrase{background:#fde6c8}
.ev{color:#555;font-size:.9em;margin:.2em 0 .6em 0}.meta{color:#666}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:.2em .5em}
)";

}  // namespace

void WriteHtml(const ScanResult& r, std::ostream& out) {
  const Corpus& c = r.corpus;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      << "<title>copytrail report</title><style>" << kStyle << "</style></head><body>\n";
  out << "<h1>copytrail report</h1>\n<p class=\"meta\">copytrail " << Version() << " &middot; "
      << c.size() << " documents &middot; " << r.clusters.size()
      << (r.clusters.size() == 1 ? " cluster" : " clusters") << " &middot; "
      << r.stats.exact_duplicates << " exact duplicates</p>\n";
  if (r.clusters.empty()) out << "<p>No copies or rewrites found.</p>\n";
  for (size_t k = 0; k < r.clusters.size(); ++k) {
    const ClusterLineage& lin = r.lineages[k];
    std::multimap<DocId, const LineageEdge*> children;
    for (const auto& e : lin.edges) children.emplace(e.parent, &e);
    out << "<h2>Cluster " << k << " &middot; " << r.clusters[k].size() << " documents</h2>\n";
    std::function<void(DocId)> render = [&](DocId parent) {
      auto [lo, hi] = children.equal_range(parent);
      if (lo == hi) return;
      out << "<ul class=\"tree\">\n";
      for (auto it = lo; it != hi; ++it) {
        const LineageEdge& e = *it->second;
        out << "<li><span class=\"doc\">" << HtmlEscape(c.info(e.child).id) << "</span>"
            << "<span class=\"rel " << RelationName(e.relation) << "\">" << RelationName(e.relation)
            << "</span> <span class=\"meta\">similarity " << Fixed(e.similarity, 2)
            << ", confidence " << Fixed(e.confidence, 2) << "</span><ul class=\"ev\">";
        for (const auto& ev : e.evidence) out << "<li>" << HtmlEscape(ev) << "</li>";
        out << "</ul>\n";
        render(e.child);
        out << "</li>\n";
      }
      out << "</ul>\n";
    };
    out << "<ul class=\"tree\"><li><span class=\"doc root\">" << HtmlEscape(c.info(lin.root).id)
        << "</span> <span class=\"meta\">original";
    if (const std::string doubt = RootDoubt(c, lin); !doubt.empty()) out << " (" << HtmlEscape(doubt) << ")";
    out << "</span>";
    if (!c.info(lin.root).title.empty())
      out << " <span class=\"meta\">&ldquo;" << HtmlEscape(c.info(lin.root).title) << "&rdquo;</span>";
    out << "\n";
    render(lin.root);
    out << "</li></ul>\n";
  }
  if (!r.pairs.empty()) {
    out << "<h2>Related pairs</h2>\n<table><tr><th>a</th><th>b</th><th>relation</th>"
        << "<th>Jaccard</th><th>cosine</th><th>a in b</th><th>b in a</th></tr>\n";
    for (const ScoredPair& p : r.pairs) {
      out << "<tr><td>" << HtmlEscape(c.info(p.a).id) << "</td><td>" << HtmlEscape(c.info(p.b).id)
          << "</td><td>" << RelationName(p.relation) << "</td><td>" << Fixed(p.measures.jaccard, 3)
          << "</td><td>" << Fixed(p.measures.cosine, 3) << "</td><td>"
          << Fixed(p.measures.containment_ab, 3) << "</td><td>" << Fixed(p.measures.containment_ba, 3)
          << "</td></tr>\n";
    }
    out << "</table>\n";
  }
  out << "</body></html>\n";
}

}  // namespace copytrail
