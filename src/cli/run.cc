#include <iostream>
#include <new>

#include "cli/cli.h"
#include "cli/commands.h"
#include "copytrail/report_writer.h"

namespace copytrail::cli {
namespace {

void PrintUsage(std::ostream& out) {
  out << "copytrail " << Version()
      << ": find copies and rewrites of the same text and which was derived from which.\n\n"
         "Usage: copytrail COMMAND [options] [inputs...]\n\nCommands:\n";
  for (const Command& c : Commands()) out << "  " << c.usage << "\n      " << c.summary << "\n";
  out << "\nInputs: a directory (recursive, *.txt and *.md), a .jsonl/.ndjson file (also .gz or\n"
         ".zst compressed), a plain file (one document), or - for JSONL on stdin (plain or compressed).\n"
         "Run 'copytrail COMMAND --help' for a command's options.\n";
}

int RunCommand(const Command& cmd, const std::vector<std::string>& rest, Streams io) {
  po::options_description desc = cmd.options();
  desc.add_options()("help,h", "show this help");
  po::options_description hidden;
  hidden.add_options()("inputs", po::value<std::vector<std::string>>()->multitoken(), "inputs");
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("inputs", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(rest).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    io.err << "copytrail " << cmd.name << ": " << e.what() << "\n"
           << "Try 'copytrail " << cmd.name << " --help'.\n";
    return 1;
  }
  if (vm.count("help")) {
    io.out << "Usage: copytrail " << cmd.usage << "\n" << cmd.summary << "\n\n" << desc << "\n";
    return 0;
  }
  return cmd.run(vm, io);
}

}  // namespace

int Fail(std::ostream& err, const Status& status) {
  err << "copytrail: error: " << status.message() << "\n";
  return status.IsUserError() ? 1 : 2;
}

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Streams io{out, err};
  if (args.empty()) {
    PrintUsage(err);
    return 1;
  }
  const std::string& first = args[0];
  if (first == "--help" || first == "-h" || first == "help") {
    PrintUsage(out);
    return 0;
  }
  if (first == "--version" || first == "-V") {
    out << "copytrail " << Version() << "\n";
    return 0;
  }
  for (const Command& c : Commands()) {
    if (first != c.name) continue;
    try {
      return RunCommand(c, std::vector<std::string>(args.begin() + 1, args.end()), io);
    } catch (const std::bad_alloc&) {
      err << "copytrail: error: out of memory\n";
      return 2;
    } catch (const std::exception& e) {
      err << "copytrail: internal error: " << e.what() << "\n";
      return 2;
    }
  }
  err << "copytrail: unknown command '" << first << "'\n\n";
  PrintUsage(err);
  return 1;
}

}  // namespace copytrail::cli
