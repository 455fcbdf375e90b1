#include <catch2/catch.hpp>

#include <algorithm>

#include "copytrail/verifier.h"
#include "support/test_support.h"

using namespace copytrail;
using copytrail::testing::Doc;
using copytrail::testing::RandomText;

namespace {

// Texts that overlap in words, figures and capitalised names to different degrees.
Corpus MakeCorpus() {
  std::vector<std::string> texts;
  for (int i = 0; i < 6; ++i) {
    std::string base = RandomText(static_cast<uint64_t>(i % 3), 200, 400);
    const char* buyer[] = {"Zenith", "Orion", "Vega", "Orion"};
    texts.push_back(base + " Acme Corp paid " + std::to_string(10 * i) + " million and " +
                    std::to_string(7 + i % 2) + " percent in " + std::to_string(1990 + i % 4) + " to " +
                    buyer[i % 4] + " Holdings, said " + buyer[(i + 1) % 4] + ".");
  }
  texts.push_back("Acme Corp.");
  texts.push_back(RandomText(99, 50));
  Corpus corpus;
  SketchScratch scratch;
  for (const std::string& text : texts) {
    DocFeatures f;
    SketchDocument(Doc("d", text), SketchOptions(), &scratch, &f);
    corpus.Add(std::move(f));
  }
  corpus.Finalize();
  return corpus;
}

void RequireSame(const PairMeasures& x, const PairMeasures& y) {
  CHECK(x.jaccard == y.jaccard);
  CHECK(x.shingle_cont_ab == y.shingle_cont_ab);
  CHECK(x.shingle_cont_ba == y.shingle_cont_ba);
  CHECK(x.cosine == y.cosine);
  CHECK(x.containment_ab == y.containment_ab);
  CHECK(x.containment_ba == y.containment_ba);
  CHECK(x.exact == y.exact);
  CHECK(x.numbers_ab == y.numbers_ab);
  CHECK(x.numbers_ba == y.numbers_ba);
  CHECK(x.figures_of_difference == y.figures_of_difference);
  CHECK(x.names_ab == y.names_ab);
  CHECK(x.names_ba == y.names_ba);
  CHECK(x.days_apart == y.days_apart);
  CHECK(x.shared_subject == y.shared_subject);
}

}  // namespace

TEST_CASE("the batched measurer gives Measure's results to the last bit, in any pair order", "[verify]") {
  Corpus corpus = MakeCorpus();
  PairMeasurer measurer(corpus);
  int related = 0;
  // First documents in and out of order, so that loading one clears the last one's terms.
  for (DocId a : {0u, 1u, 0u, 5u, 6u, 2u, 7u, 3u}) {
    for (DocId b = 0; b < corpus.size(); ++b) {
      if (b == a) continue;
      PairMeasures expected = Measure(corpus, a, b);
      related += expected.cosine > 0.5;
      RequireSame(measurer.Measure(a, b), expected);
    }
  }
  CHECK(related > 0);  // the corpus has pairs that share most of their terms
  // ...and pairs that share only some of their names.
  const PairMeasures partly = Measure(corpus, 0, 1);
  CHECK(partly.names_ab > 0);
  CHECK(partly.names_ab < 1);
}

TEST_CASE("measuring a pair the other way round swaps its directed measures", "[verify]") {
  Corpus corpus = MakeCorpus();
  for (DocId a = 0; a < corpus.size(); ++a)
    for (DocId b = 0; b < corpus.size(); ++b) RequireSame(Measure(corpus, b, a), Measure(corpus, a, b).Swapped());
}

TEST_CASE("sentence alignment gives up on the second direction only when the first cannot pass", "[verify]") {
  // a: ten sentences; b: two of them. a's share aligned in b is 2/11, b's in a is 2/3.
  std::vector<std::string> sentences;
  for (int i = 0; i < 10; ++i) {
    std::string words = RandomText(static_cast<uint64_t>(40 + i), 12, 3000);
    words.erase(std::remove(words.begin(), words.end(), '.'), words.end());
    while (!words.empty() && words.back() == ' ') words.pop_back();
    sentences.push_back(words + ".");
  }
  std::string a, b = sentences[3] + " " + sentences[7];
  for (const auto& s : sentences) a += s + " ";
  Corpus corpus = MakeCorpus();
  AnalyzedText ta, tb;
  SentenceSets sa, sb;
  Analyze(a, &ta);
  Analyze(b, &tb);
  BuildSentenceSets(ta, corpus, &sa);
  BuildSentenceSets(tb, corpus, &sb);
  REQUIRE(sa.size() == 10);
  REQUIRE(sb.size() == 2);
  Alignment full = AlignSentences(sa, sb, 0.45);
  CHECK(full.ab == Approx(2.0 / 11));
  CHECK(full.ba == Approx(2.0 / 3));
  Alignment hopeless = AlignSentences(sa, sb, 0.45, 0.25);
  CHECK(hopeless.ab == full.ab);
  CHECK(hopeless.ba == 0);
  Alignment kept = AlignSentences(sa, sb, 0.45, 0.15);  // 2/11 is above 0.15: both measured
  CHECK(kept.ab == full.ab);
  CHECK(kept.ba == full.ba);
  Alignment swapped = AlignSentences(sb, sa, 0.45, 0.25);  // the longer text is measured first either way
  CHECK(swapped.ba == full.ab);
  CHECK(swapped.ab == 0);
}

TEST_CASE("a condensed rewrite needs most of its sentences, and enough of them, in its source", "[verify]") {
  VerifyOptions o;
  PairMeasures summary;  // a: the source, b: a summary of five aligned sentences out of six
  summary.cosine = 0.44;
  summary.containment_ab = 0.19, summary.containment_ba = 0.84;
  summary.aligned_ab = 0.18, summary.aligned_ba = 5.0 / 7;
  summary.aligned_sentences_ab = 7, summary.aligned_sentences_ba = 5;
  CHECK(Classify(summary, o) == Relation::kParaphrase);
  CHECK(Classify(summary.Swapped(), o) == Relation::kParaphrase);

  PairMeasures flash = summary;  // three sentences, all aligned: what a flash or a notice does
  flash.aligned_ba = 3.0 / 4, flash.aligned_sentences_ba = 3;
  CHECK(Classify(flash, o) == Relation::kNone);

  PairMeasures loose = summary;  // half its sentences: a report of the same event
  loose.aligned_ba = 3.0 / 7, loose.aligned_sentences_ba = 3;
  CHECK(Classify(loose, o) == Relation::kNone);

  PairMeasures thin = summary;  // its sentences align but much of its content is its own
  thin.containment_ba = 0.6;
  CHECK(Classify(thin, o) == Relation::kNone);

  PairMeasures late = summary;  // dated weeks after: the stricter rule for far-apart texts holds
  late.days_apart = 30;
  CHECK(Classify(late, o) == Relation::kNone);
}
