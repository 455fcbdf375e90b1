#pragma once
// The command line, as a function so that tests can run it in-process.
#include <iosfwd>
#include <string>
#include <vector>

namespace copytrail::cli {

// Runs `copytrail args...` (args exclude the program name). Data goes to `out`, diagnostics to
// `err`. Returns the exit status: 0 success, 1 bad input or usage, 2 internal error.
int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace copytrail::cli
