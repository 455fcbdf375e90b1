// Normalisation: UTF-8 decoding, case folding, tokenising and word hashing.
#include <benchmark/benchmark.h>

#include "bench_text.h"
#include "copytrail/normalizer.h"

namespace {

void BM_Analyze(benchmark::State& state) {
  auto texts = copytrail::bench::NewsTexts();
  copytrail::AnalyzedText analyzed;
  // Reference before timing: the sample must tokenise into words at all.
  copytrail::Analyze(texts.at(0), &analyzed);
  if (analyzed.tokens.size() < 100) state.SkipWithError("sample text did not tokenise");
  size_t tokens = 0;
  for (auto _ : state) {
    for (const auto& t : texts) {
      copytrail::Analyze(t, &analyzed);
      tokens += analyzed.tokens.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * copytrail::bench::TotalBytes(texts)));
  state.SetItemsProcessed(static_cast<int64_t>(tokens));
}
BENCHMARK(BM_Analyze);

}  // namespace

BENCHMARK_MAIN();
