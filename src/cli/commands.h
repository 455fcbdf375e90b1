#pragma once
// One entry per subcommand; main.cc dispatches through this table and builds --help from it.
#include <boost/program_options.hpp>
#include <fstream>
#include <iosfwd>
#include <string>
#include <vector>

#include "copytrail/pipeline.h"

namespace copytrail::cli {

namespace po = boost::program_options;

struct Streams {
  std::ostream& out;
  std::ostream& err;
};

struct Command {
  const char* name;
  const char* usage;
  const char* summary;
  po::options_description (*options)();
  int (*run)(const po::variables_map& vm, Streams io);
};

const std::vector<Command>& Commands();

// Option groups shared by commands.
po::options_description InputOptions();
po::options_description DetectionOptions();
po::options_description RunOptions();

// Builds library options from parsed values; returns false (message on err) if invalid.
bool MakeReadOptions(const po::variables_map& vm, ReadOptions* read, std::ostream& err);
bool MakeScanOptions(const po::variables_map& vm, ScanOptions* scan, std::ostream& err);

// Prints "copytrail: warning: ..." lines, up to a limit, then counts the rest.
class StderrReporter : public Reporter {
 public:
  StderrReporter(std::ostream& err, bool quiet) : err_(err), quiet_(quiet) {}
  ~StderrReporter() override;
  void Warning(const std::string& where, const Status& problem) override;

 private:
  std::ostream& err_;
  bool quiet_;
  uint64_t count_ = 0;
};

// Reads inputs and scans them; prints errors and returns the exit status on failure.
int ScanInputs(const po::variables_map& vm, Streams io, ScanResult* result,
               std::unique_ptr<DocumentSource>* source, Reporter* reporter);

int Fail(std::ostream& err, const Status& status);

// Opens the -o/--output file, if one was given; the error names the file and the reason.
Status OpenOutput(const po::variables_map& vm, std::ofstream* file);

int RunScan(const po::variables_map& vm, Streams io);
int RunCompare(const po::variables_map& vm, Streams io);
int RunDedup(const po::variables_map& vm, Streams io);
int RunEval(const po::variables_map& vm, Streams io);
po::options_description ScanOptionsDesc();
po::options_description CompareOptionsDesc();
po::options_description DedupOptionsDesc();
po::options_description EvalOptionsDesc();

}  // namespace copytrail::cli
