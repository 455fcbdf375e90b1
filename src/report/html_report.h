#pragma once
#include <ostream>

#include "copytrail/pipeline.h"

namespace copytrail {

// A single self-contained page (inline CSS, no scripts or external resources).
void WriteHtml(const ScanResult& result, std::ostream& out);

}  // namespace copytrail
