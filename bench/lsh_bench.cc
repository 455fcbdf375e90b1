// Candidate generation: LSH banding over a corpus of signatures, and the paraphrase tier's
// shared rare terms over news text; both with planted copies that must all be found before
// timing.
#include <benchmark/benchmark.h>

#include <random>

#include "bench_text.h"
#include "copytrail/lsh_index.h"

namespace {

copytrail::Corpus MakeCorpus(size_t docs, std::vector<copytrail::CandidatePair>* planted) {
  std::mt19937_64 rng(3);
  copytrail::Corpus corpus;
  std::vector<uint64_t> shingles(300), previous;
  for (size_t d = 0; d < docs; ++d) {
    bool copy = d % 10 == 1;  // every tenth document copies its predecessor with 10% changed
    for (size_t i = 0; i < shingles.size(); ++i)
      shingles[i] = copy && rng() % 10 ? previous[i] : rng();
    if (copy) planted->emplace_back(static_cast<copytrail::DocId>(d - 1), static_cast<copytrail::DocId>(d));
    previous = shingles;
    copytrail::DocFeatures f;
    f.info.tokens = f.info.shingles = 300;
    copytrail::ComputeSignature(shingles.data(), shingles.size(), &f.signature);
    corpus.Add(std::move(f));
  }
  corpus.Finalize();
  return corpus;
}

void BM_LshCandidates(benchmark::State& state) {
  std::vector<copytrail::CandidatePair> planted;
  copytrail::Corpus corpus = MakeCorpus(static_cast<size_t>(state.range(0)), &planted);
  std::vector<copytrail::DocId> docs(corpus.size());
  for (copytrail::DocId d = 0; d < corpus.size(); ++d) docs[d] = d;
  copytrail::CandidateStats stats;
  auto found = copytrail::LshCandidates(corpus, docs, copytrail::LshOptions(), &stats);
  for (const auto& p : planted)
    if (!std::binary_search(found.begin(), found.end(), p)) state.SkipWithError("planted copy missed");
  for (auto _ : state) {
    copytrail::CandidateStats s;
    benchmark::DoNotOptimize(copytrail::LshCandidates(corpus, docs, copytrail::LshOptions(), &s));
  }
  state.counters["candidates"] = static_cast<double>(found.size());
  state.counters["planted"] = static_cast<double>(planted.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_LshCandidates)->ArgName("docs")->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

// News texts (COPYTRAIL_BENCH_CORPUS) where every tenth text is followed by a rewrite of it that
// keeps its words in another order (its paragraphs reversed).
void BM_ParaphraseCandidates(benchmark::State& state) {
  auto texts = copytrail::bench::NewsTexts();
  copytrail::Corpus corpus;
  copytrail::SketchScratch scratch;
  std::vector<copytrail::CandidatePair> planted;
  auto add = [&](std::string text) {
    copytrail::Document doc;
    doc.text = std::move(text);
    copytrail::DocFeatures f;
    copytrail::SketchDocument(doc, copytrail::SketchOptions(), &scratch, &f);
    corpus.Add(std::move(f));
  };
  for (size_t i = 0; i < texts.size(); ++i) {
    add(texts[i]);
    if (i % 10 != 0) continue;
    std::string reversed, rest = texts[i];
    while (!rest.empty()) {
      size_t cut = rest.rfind("\n\n");
      size_t from = cut == std::string::npos ? 0 : cut + 2;
      reversed.append(rest, from).append("\n\n");
      rest.resize(cut == std::string::npos ? 0 : cut);
    }
    add(reversed);
    if (corpus.original_of(corpus.size() - 1) == corpus.size() - 1)
      planted.emplace_back(corpus.size() - 2, corpus.size() - 1);
  }
  corpus.Finalize();
  std::vector<copytrail::DocId> docs(corpus.size());
  for (copytrail::DocId d = 0; d < corpus.size(); ++d) docs[d] = d;
  copytrail::ParaphraseCandidateOptions options;
  copytrail::CandidateStats stats;
  auto found = copytrail::ParaphraseCandidates(corpus, docs, options, /*shared_subject=*/true, &stats);
  for (const auto& p : planted)
    if (!std::binary_search(found.begin(), found.end(), p)) state.SkipWithError("planted rewrite missed");
  for (auto _ : state) {
    copytrail::CandidateStats s;
    benchmark::DoNotOptimize(copytrail::ParaphraseCandidates(corpus, docs, options, /*shared_subject=*/true, &s));
  }
  state.counters["candidates"] = static_cast<double>(found.size());
  state.counters["planted"] = static_cast<double>(planted.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));
}
BENCHMARK(BM_ParaphraseCandidates)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
