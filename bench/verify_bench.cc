// Verification's bag-of-words measures for the candidate pairs of news text: Measure pair by
// pair, and PairMeasurer over the same pairs in candidate order (sorted by first document). The
// two must agree on every pair before timing.
#include <benchmark/benchmark.h>

#include "bench_text.h"
#include "copytrail/lsh_index.h"
#include "copytrail/verifier.h"

namespace {

struct Workload {
  copytrail::Corpus corpus;
  std::vector<copytrail::CandidatePair> pairs;
};

const Workload& News() {
  static Workload* w = [] {
    auto* out = new Workload;
    copytrail::SketchScratch scratch;
    for (const std::string& text : copytrail::bench::NewsTexts()) {
      copytrail::Document doc;
      doc.text = text;
      copytrail::DocFeatures f;
      copytrail::SketchDocument(doc, copytrail::SketchOptions(), &scratch, &f);
      out->corpus.Add(std::move(f));
    }
    out->corpus.Finalize();
    std::vector<copytrail::DocId> docs(out->corpus.size());
    for (copytrail::DocId d = 0; d < out->corpus.size(); ++d) docs[d] = d;
    copytrail::CandidateStats stats;
    out->pairs = copytrail::ParaphraseCandidates(out->corpus, docs, copytrail::ParaphraseCandidateOptions(),
                                                /*shared_subject=*/true, &stats);
    return out;
  }();
  return *w;
}

void BM_Measure(benchmark::State& state) {
  const Workload& w = News();
  for (auto _ : state)
    for (auto [a, b] : w.pairs) benchmark::DoNotOptimize(copytrail::Measure(w.corpus, a, b));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.pairs.size()));
}
BENCHMARK(BM_Measure)->Unit(benchmark::kMillisecond);

void BM_PairMeasurer(benchmark::State& state) {
  const Workload& w = News();
  copytrail::PairMeasurer check(w.corpus);
  for (auto [a, b] : w.pairs) {
    copytrail::PairMeasures x = check.Measure(a, b), y = copytrail::Measure(w.corpus, a, b);
    if (x.cosine != y.cosine || x.containment_ab != y.containment_ab || x.numbers_ab != y.numbers_ab ||
        x.shared_subject != y.shared_subject)
      state.SkipWithError("PairMeasurer disagrees with Measure");
  }
  for (auto _ : state) {
    copytrail::PairMeasurer measurer(w.corpus);
    for (auto [a, b] : w.pairs) benchmark::DoNotOptimize(measurer.Measure(a, b));
  }
  state.counters["pairs"] = static_cast<double>(w.pairs.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.pairs.size()));
}
BENCHMARK(BM_PairMeasurer)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
