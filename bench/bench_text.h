#pragma once
// News text for the micro benchmarks: the sample articles in data/, or the JSONL corpus named
// by COPYTRAIL_BENCH_CORPUS (e.g. ../shared/corpora/bbc_news/corpus.jsonl) when set.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "copytrail/document_source.h"

namespace copytrail::bench {

inline std::vector<std::string> NewsTexts() {
  std::vector<std::string> out;
  std::vector<std::string> inputs;
  if (const char* corpus = std::getenv("COPYTRAIL_BENCH_CORPUS")) inputs.push_back(corpus);
  else inputs.push_back(std::string(COPYTRAIL_SOURCE_DIR) + "/data");
  CountingReporter reporter;
  auto source = OpenInputs(inputs, ReadOptions(), &reporter);
  if (!source.ok()) return out;
  Document d;
  while ((*source)->Next(&d) && out.size() < 5000) out.push_back(d.text);
  return out;
}

inline size_t TotalBytes(const std::vector<std::string>& texts) {
  size_t n = 0;
  for (const auto& t : texts) n += t.size();
  return n;
}

}  // namespace copytrail::bench
