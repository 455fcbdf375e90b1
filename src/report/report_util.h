#pragma once
// Formatting helpers shared by the report writers.
#include <cstdio>
#include <string>
#include <vector>

#include "copytrail/lineage.h"

namespace copytrail {

inline std::string Fixed(double x, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

inline std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

inline std::string DotQuote(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    if (ch == '\n') out += "\\n";
    else out += ch;
  }
  return out + "\"";
}

inline std::string HtmlEscape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

double Round3(double x);
// The cluster's members, root first, parents before children.
std::vector<DocId> MembersRootFirst(const ClusterLineage& lineage);

// "confidence 0.62; else X" for a root the tree weighed against another, else empty.
std::string RootDoubt(const Corpus& corpus, const ClusterLineage& lineage);

}  // namespace copytrail
