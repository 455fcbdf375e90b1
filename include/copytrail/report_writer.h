#pragma once
// Stage 9, report: a ScanResult as text, JSON, CSV, Graphviz DOT or a self-contained HTML page.
//
// Guarantees: the JSON follows DESIGN.md section 4 (members listed root first, parents before
// children; numbers rounded to 3 decimals); every format lists the same clusters and edges.
// Invalid UTF-8 never reaches the output (ids are repaired on input).
#include <ostream>
#include <string>

#include "copytrail/pipeline.h"

namespace copytrail {

enum class ReportFormat { kText, kJson, kCsv, kDot, kHtml };

Result<ReportFormat> ParseReportFormat(const std::string& name);

// The copytrail version written into reports.
const char* Version();

void WriteReport(const ScanResult& result, ReportFormat format, std::ostream& out);

}  // namespace copytrail
