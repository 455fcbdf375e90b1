#include <fstream>

#include "cli/commands.h"
#include "copytrail/report_writer.h"

namespace copytrail::cli {

po::options_description ScanOptionsDesc() {
  po::options_description d;
  po::options_description out("Output");
  out.add_options()
      ("format,f", po::value<std::string>()->default_value("text"), "text, json, csv, dot or html")
      ("output,o", po::value<std::string>(), "write the report to this file instead of stdout");
  d.add(out).add(InputOptions()).add(DetectionOptions()).add(RunOptions());
  return d;
}

int RunScan(const po::variables_map& vm, Streams io) {
  auto format = ParseReportFormat(vm["format"].as<std::string>());
  if (!format.ok()) return Fail(io.err, format.status());
  std::ofstream file;
  if (Status st = OpenOutput(vm, &file); !st.ok()) return Fail(io.err, st);
  StderrReporter reporter(io.err, vm.count("quiet") > 0);
  ScanResult result;
  std::unique_ptr<DocumentSource> source;
  if (int rc = ScanInputs(vm, io, &result, &source, &reporter)) return rc;
  std::ostream& out = vm.count("output") ? file : io.out;
  WriteReport(result, *format, out);
  out.flush();
  if (!out) return Fail(io.err, Status::IoError("cannot write the report"));
  return 0;
}

}  // namespace copytrail::cli
