// The whole sketch stage for one document: normalise, tokenise, shingle, MinHash signature,
// content terms, line hashes and phrase counts (SketchDocument), and the same preceded by JSONL parsing and
// UTF-8 validation as the reader does it. The target is >= 150 MB/s per core on news text.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>

#include "bench_text.h"
#include "copytrail/corpus.h"

namespace {

void BM_SketchDocument(benchmark::State& state) {
  auto texts = copytrail::bench::NewsTexts();
  copytrail::SketchOptions options;
  copytrail::SketchScratch scratch;
  copytrail::DocFeatures f, g;
  copytrail::Document doc;
  // Reference: sketching is deterministic and reuses no stale state.
  doc.text = texts.at(0);
  copytrail::SketchDocument(doc, options, &scratch, &f);
  doc.text = texts.back();
  copytrail::SketchDocument(doc, options, &scratch, &g);
  doc.text = texts.at(0);
  copytrail::SketchDocument(doc, options, &scratch, &g);
  if (f.signature.v != g.signature.v || f.terms.size() != g.terms.size())
    state.SkipWithError("sketch is not deterministic");
  std::vector<copytrail::Document> docs(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) docs[i].text = texts[i];
  copytrail::PhraseCounts phrases;
  for (auto _ : state) {
    for (const auto& d : docs) {
      copytrail::SketchDocument(d, options, &scratch, &f, &phrases);
      benchmark::DoNotOptimize(f.signature);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * copytrail::bench::TotalBytes(texts)));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));
}
BENCHMARK(BM_SketchDocument);

void BM_ReadAndSketch(benchmark::State& state) {
  auto texts = copytrail::bench::NewsTexts();
  // A JSONL file of the sample texts, read through the real reader each iteration.
  std::string path = "/tmp/copytrail-bench-" + std::to_string(getpid()) + ".jsonl";
  {
    std::ofstream out(path);
    for (size_t i = 0; i < texts.size(); ++i) {
      std::string escaped;
      for (char c : texts[i]) {
        if (c == '"' || c == '\\') escaped += '\\', escaped += c;
        else if (c == '\n') escaped += "\\n";
        else if (static_cast<unsigned char>(c) < 0x20) escaped += ' ';
        else escaped += c;
      }
      out << "{\"id\": \"d" << i << "\", \"text\": \"" << escaped << "\"}\n";
    }
  }
  copytrail::SketchOptions options;
  copytrail::SketchScratch scratch;
  copytrail::DocFeatures f;
  copytrail::PhraseCounts phrases;
  size_t bytes = 0;
  for (auto _ : state) {
    copytrail::CountingReporter reporter;
    auto source = copytrail::OpenInputs({path}, copytrail::ReadOptions(), &reporter);
    copytrail::Document d;
    size_t n = 0;
    while ((*source)->Next(&d)) {
      copytrail::SketchDocument(d, options, &scratch, &f, &phrases);
      bytes += d.text.size();
      ++n;
    }
    if (n != texts.size()) state.SkipWithError("reader lost documents");
  }
  std::remove(path.c_str());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ReadAndSketch);

}  // namespace

BENCHMARK_MAIN();
